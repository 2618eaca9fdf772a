using System.Runtime.CompilerServices;

namespace VkLongPoll;

/// <summary>Status reporting, retry pacing and the end of a session.</summary>
public sealed partial class LongPollClient
{
    /// <summary>The last status the session reported; null before it started.</summary>
    public LongPollStatus? Status => _pacing.Status;

    private void Report(LongPollStatus status) => _pacing.Report(status);

    private Task RetryAfterAsync(RetryCause cause, string host, string? apiMethod, CancellationToken cancellationToken, int? attempt = null) =>
        _pacing.RetryAfterAsync(cause, host, apiMethod, cancellationToken, attempt);

    private void Succeeded() => _pacing.Succeeded();

    /// <summary>Passes <paramref name="items"/> through and reports <see cref="LongPollStopped"/> when the enumeration ends, however it ends.</summary>
    private async IAsyncEnumerable<T> ReportingEndAsync<T>(IAsyncEnumerable<T> items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stopped = new LongPollStopped(LongPollStopReason.ConsumerStopped);
        var enumerator = items.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    stopped = new LongPollStopped(LongPollStopReason.Cancelled);
                    throw;
                }
                catch (Exception e)
                {
                    stopped = new LongPollStopped(StopReasonOf(e)) { Error = e };
                    throw;
                }

                yield return enumerator.Current;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
            Report(stopped);
        }
    }

    private static LongPollStopReason StopReasonOf(Exception e) => e switch
    {
        VkAuthorizationException => LongPollStopReason.TokenRejected,
        VkCaptchaException => LongPollStopReason.CaptchaRequired,
        VkAccessDeniedException or VkApiException { ErrorCode: 15 } => LongPollStopReason.AccessDenied,
        VkValidationException => LongPollStopReason.CaptchaRequired,
        VkApiException => LongPollStopReason.ApiError,
        LongPollVersionException => LongPollStopReason.VersionUnsupported,
        CheckpointStoreException => LongPollStopReason.CheckpointStoreFailed,
        _ => LongPollStopReason.Faulted,
    };

}
