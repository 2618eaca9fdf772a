using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace VkLongPoll;

/// <summary>Why a request failed in a way that passes: what <see cref="LongPollRetrying"/> is made from.</summary>
internal readonly record struct RetryCause(LongPollRetryReason Reason, string Detail, int? HttpStatus = null, int? ApiErrorCode = null, Exception? Exception = null)
{
    /// <summary>The host that failed when it is not the one the caller asked (VK ID during a token renewal).</summary>
    public string? Host { get; init; }

    public static RetryCause Status(HttpStatusCode status) =>
        new(LongPollRetryReason.HttpStatus, $"HTTP {(int)status} {status}", HttpStatus: (int)status);

    public static RetryCause ApiError(VkApiException e) =>
        new(LongPollRetryReason.ApiError, e.ErrorMessage, ApiErrorCode: e.ErrorCode, Exception: e);

    public static RetryCause TimedOut(TimeSpan after, Exception? exception = null) =>
        new(LongPollRetryReason.Timeout, $"no answer within {after.TotalSeconds:F0} s", Exception: exception);

    /// <summary>Classifies a failed request; null for failures that do not pass (they end the session).</summary>
    public static RetryCause? Of(Exception e) => e switch
    {
        VkAuthorizationException or VkCaptchaException => null,
        VkIdException { RequiresSignIn: false } vkId => new RetryCause(LongPollRetryReason.TokenRenewalFailed, vkId.Error == VkIdException.CallFailed ? vkId.Description ?? vkId.Message : vkId.Message, HttpStatus: vkId.HttpStatus, Exception: e) { Host = vkId.Host },
        VkApiException api when api.ErrorCode is 1 or 6 or 9 or 10 or 29 or 36 => ApiError(api),
        VkApiException => null,
        LongPollProtocolException protocol => new RetryCause(LongPollRetryReason.UnreadableAnswer, protocol.Reason, Exception: e),
        RedirectRefusedException redirect => Status(redirect.StatusCode!.Value) with { Detail = redirect.Target, Exception = e },
        HttpRequestException { InnerException: TimeoutException timeout } => new RetryCause(LongPollRetryReason.Timeout, timeout.Message, Exception: e),
        HttpRequestException { StatusCode: { } status } => Status(status) with { Exception = e },
        HttpRequestException http => Network(http, http.HttpRequestError),
        HttpIOException io => new RetryCause(io.HttpRequestError == HttpRequestError.InvalidResponse ? LongPollRetryReason.UnreadableAnswer : LongPollRetryReason.ConnectionLost, Innermost(io), Exception: e),
        IOException io => new RetryCause(LongPollRetryReason.ConnectionLost, Innermost(io), Exception: e),
        OperationCanceledException or TimeoutException => new RetryCause(LongPollRetryReason.Timeout, "no answer in time", Exception: e),
        _ => null,
    };

    private static RetryCause Network(Exception e, HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.ProxyTunnelError
            => new RetryCause(LongPollRetryReason.NetworkUnreachable, Innermost(e), Exception: e),
        HttpRequestError.SecureConnectionError => new RetryCause(LongPollRetryReason.SecureConnectionFailed, Innermost(e), Exception: e),
        HttpRequestError.ResponseEnded => new RetryCause(LongPollRetryReason.ConnectionLost, Innermost(e), Exception: e),
        HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError => new RetryCause(LongPollRetryReason.UnreadableAnswer, Innermost(e), Exception: e),
        _ when Find<AuthenticationException>(e) is not null => new RetryCause(LongPollRetryReason.SecureConnectionFailed, Innermost(e), Exception: e),
        _ when Find<SocketException>(e) is not null => new RetryCause(LongPollRetryReason.NetworkUnreachable, Innermost(e), Exception: e),
        _ => new RetryCause(LongPollRetryReason.ConnectionLost, Innermost(e), Exception: e),
    };

    /// <summary>The most specific message: the socket's or the TLS layer's, not the HTTP wrapper's.</summary>
    internal static string Innermost(Exception e)
    {
        var specific = (Exception?)Find<SocketException>(e) ?? Find<AuthenticationException>(e);
        if (specific is not null)
        {
            return specific.Message;
        }

        while (e.InnerException is { } inner)
        {
            e = inner;
        }

        return e.Message;
    }

    private static T? Find<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
