using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace VkLongPoll.IntegrationTests;

/// <summary>The session's typed status: what each failure reports, through the callback and the log alike.</summary>
[Collection(EmulatorGroup.Name)]
public sealed class StatusTests(EmulatorFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public static TheoryData<string, string> FaultStatuses() => new()
    {
        { "failed_1", "RecoveryStarted:HistoryLost RecoveryFinished:HistoryLost" },
        { "failed_2", "RecoveryStarted:KeyExpired RecoveryFinished:KeyExpired" },
        { "failed_3", "RecoveryStarted:UserDataLost RecoveryFinished:UserDataLost" },
        { "http_500", "Retrying:HttpStatus:500 Reconnected:1" },
        { "http_502", "Retrying:HttpStatus:502 Reconnected:1" },
        { "malformed", "Retrying:UnreadableAnswer Reconnected:1" },
        { "hang", "Retrying:Timeout Reconnected:1" },
    };

    [Theory]
    [MemberData(nameof(FaultStatuses))]
    public async Task Fault_ReportsWhatHappened_InOrder(string fault, string expected)
    {
        using var client = fixture.NewClient();
        var statuses = new ConcurrentQueue<LongPollStatus>();
        var options = SessionTests.Options(fixture.Emulator, client.Token);
        options.OnStatus = statuses.Enqueue;
        await using var session = new LongPollClient(options, LongPollHttp.CreateClient(fixture.Emulator.CreateTrustingHandler()));

        var texts = await SessionTests.ReadMessagesAsync(session, client, 2, async () =>
        {
            // The fault first: it hits the next poll whenever that starts, and both messages come after it.
            await client.ControlAsync("faults", new { fault });
            await client.ControlAsync("send", new { text = "before" });
            await client.ControlAsync("send", new { text = "after" });
        });

        Assert.Equal(["before", "after"], texts);
        var seen = statuses.ToArray();
        Assert.IsType<LongPollStarted>(seen[0]);
        Assert.IsType<LongPollStopped>(seen[^1]);
        Assert.Equal(LongPollStopReason.Cancelled, ((LongPollStopped)seen[^1]).Reason);
        Assert.Equal(expected, string.Join(' ', seen[1..^1].Select(Short)));
        Assert.All(seen, s => Assert.Equal(session.Name, s.SessionName));
        Assert.DoesNotContain(client.Token, string.Join('\n', seen.Select(s => s.ToString())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiOutage_ReportsApiErrorsWithTheMethod_ThenReconnected()
    {
        using var client = fixture.NewClient();
        await client.ControlAsync("api_faults", new { error_code = 10, count = 2 });
        var statuses = new ConcurrentQueue<LongPollStatus>();
        var options = SessionTests.Options(fixture.Emulator, client.Token);
        options.OnStatus = statuses.Enqueue;
        await using var session = new LongPollClient(options, LongPollHttp.CreateClient(fixture.Emulator.CreateTrustingHandler()));

        await SessionTests.ReadMessagesAsync(session, client, 1, () => client.ControlAsync("send", new { text = "x" }));

        var retries = statuses.OfType<LongPollRetrying>().ToList();
        Assert.Equal(2, retries.Count);
        Assert.All(retries, r =>
        {
            Assert.Equal(LongPollRetryReason.ApiError, r.Reason);
            Assert.Equal(10, r.ApiErrorCode);
            Assert.Equal("messages.getLongPollServer", r.ApiMethod);
            Assert.Equal(fixture.Emulator.ApiUrl.Authority, r.Host); // host and port: which server
        });
        Assert.Equal([1, 2], retries.Select(r => r.Attempt));
        Assert.Equal(2, Assert.Single(statuses.OfType<LongPollReconnected>()).FailedAttempts);
        Assert.IsType<LongPollStarted>(statuses.ElementAt(3));
    }

    [Fact]
    public async Task RejectedToken_ReportsStopped_WithTheError()
    {
        var statuses = new ConcurrentQueue<LongPollStatus>();
        var options = SessionTests.Options(fixture.Emulator, "not-a-token");
        options.OnStatus = statuses.Enqueue;
        await using var session = new LongPollClient(options, LongPollHttp.CreateClient(fixture.Emulator.CreateTrustingHandler()));

        await Assert.ThrowsAsync<VkAuthorizationException>(() => ReadAllAsync(session, CancellationToken.None));

        var stopped = Assert.IsType<LongPollStopped>(Assert.Single(statuses));
        Assert.Equal(LongPollStopReason.TokenRejected, stopped.Reason);
        Assert.IsType<VkAuthorizationException>(stopped.Error);
        Assert.Same(stopped, session.Status);
    }

    [Fact]
    public async Task UnreachableApi_IsRetriedAsANetworkFault_UntilCancelled()
    {
        // A port nobody listens on: connection refused, the loopback stand-in for "cannot reach api.vk.com".
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var statuses = new ConcurrentQueue<LongPollStatus>();
        var retries = 0;
        var retriedThrice = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = SessionTests.Options(fixture.Emulator, "any-token");
        options.ApiBaseUrl = new Uri($"https://127.0.0.1:{port}/method");
        options.OnStatus = status =>
        {
            statuses.Enqueue(status);
            if (status is LongPollRetrying && Interlocked.Increment(ref retries) == 3)
            {
                retriedThrice.TrySetResult();
            }
        };
        await using var session = new LongPollClient(options, LongPollHttp.CreateClient());
        using var stop = new CancellationTokenSource(Bound);

        var reading = ReadAllAsync(session, stop.Token);
        await Task.WhenAny(retriedThrice.Task, reading);
        Assert.True(retriedThrice.Task.IsCompleted, $"the session ended instead of retrying: {reading.Exception?.InnerException?.Message ?? "cancelled"}");

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        var first = statuses.OfType<LongPollRetrying>().First();
        Assert.Equal(LongPollRetryReason.NetworkUnreachable, first.Reason);
        Assert.Contains("refused", first.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(@"^cannot reach 127\.0\.0\.1:\d+: ", first.Describe()); // the port named: which server is down
        Assert.Equal(LongPollStopReason.Cancelled, Assert.IsType<LongPollStopped>(statuses.Last()).Reason);
    }

    [Fact]
    public async Task UntrustedCertificate_IsASecureConnectionFault()
    {
        using var client = fixture.NewClient();
        var statuses = new ConcurrentQueue<LongPollStatus>();
        var retried = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = SessionTests.Options(fixture.Emulator, client.Token);
        options.OnStatus = status =>
        {
            statuses.Enqueue(status);
            if (status is LongPollRetrying)
            {
                retried.TrySetResult();
            }
        };
        // The system's roots only: the emulator's own certificate is not trusted.
        await using var session = new LongPollClient(options, LongPollHttp.CreateClient());
        using var stop = new CancellationTokenSource(Bound);

        var reading = ReadAllAsync(session, stop.Token);
        await Task.WhenAny(retried.Task, reading);
        Assert.True(retried.Task.IsCompleted, $"the session ended instead of retrying: {reading.Exception?.InnerException?.Message ?? "cancelled"}");

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        Assert.Equal(LongPollRetryReason.SecureConnectionFailed, statuses.OfType<LongPollRetrying>().First().Reason);
    }

    [Fact]
    public async Task Log_IsWrittenFromTheStatuses_WithTheirStableEventIds_AndAThrowingHandlerDoesNotStopTheSession()
    {
        using var client = fixture.NewClient();
        var log = new ListLogger();
        var options = SessionTests.Options(fixture.Emulator, client.Token);
        options.LoggerFactory = log;
        options.OnStatus = _ => throw new InvalidOperationException("a buggy handler");
        await using var session = new LongPollClient(options, LongPollHttp.CreateClient(fixture.Emulator.CreateTrustingHandler()));

        var texts = await SessionTests.ReadMessagesAsync(session, client, 1, async () =>
        {
            await client.ControlAsync("faults", new { fault = "failed_2" });
            await client.ControlAsync("send", new { text = "still here" });
        });

        Assert.Equal(["still here"], texts);
        var ids = log.Entries.Select(e => e.Id).ToList();
        Assert.Contains(LongPollEventIds.Started, ids);
        Assert.Contains(LongPollEventIds.RecoveryStarted, ids);
        Assert.Contains(LongPollEventIds.RecoveryFinished, ids);
        Assert.Contains(LongPollEventIds.Stopped, ids);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("status handler threw", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Entries, e => e.Message.Contains(client.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARetry_IsOneWarningLine_WithTheDelayInSeconds_AndTheStackTraceOnlyAtDebug()
    {
        using var client = fixture.NewClient();
        var log = new ListLogger();
        var options = SessionTests.Options(fixture.Emulator, client.Token);
        options.LoggerFactory = log;
        await using var session = new LongPollClient(options, LongPollHttp.CreateClient(fixture.Emulator.CreateTrustingHandler()));

        await SessionTests.ReadMessagesAsync(session, client, 1, async () =>
        {
            await client.ControlAsync("faults", new { fault = "http_500" });
            await client.ControlAsync("send", new { text = "after the retry" });
        });

        var warning = Assert.Single(log.Entries, e => e.Id == LongPollEventIds.Retrying && e.Level == LogLevel.Warning);
        Assert.Matches(@"; retry 1 in \d+(\.\d)? s$", warning.Message);
        Assert.Null(warning.Exception);
        Assert.DoesNotContain('\n', warning.Message);
        Assert.Contains(log.Entries, e => e.Id == LongPollEventIds.Reconnected && e.Message.EndsWith(" s)", StringComparison.Ordinal));
    }

    private static string Short(LongPollStatus status) => status switch
    {
        LongPollRecoveryStarted s => $"RecoveryStarted:{s.Cause}",
        LongPollRecoveryFinished s => $"RecoveryFinished:{s.Cause}",
        LongPollRetrying { HttpStatusCode: { } code } s => $"Retrying:{s.Reason}:{code}",
        LongPollRetrying s => $"Retrying:{s.Reason}",
        LongPollReconnected s => $"Reconnected:{s.FailedAttempts}",
        _ => status.GetType().Name,
    };

    private static async Task ReadAllAsync(LongPollClient session, CancellationToken cancellationToken)
    {
        await foreach (var e in session.ReadEventsAsync(cancellationToken: cancellationToken))
        {
            _ = e;
        }
    }

    private sealed class ListLogger : ILoggerFactory, ILogger
    {
        public ConcurrentQueue<(int Id, LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((eventId.Id, logLevel, formatter(state, exception), exception));

        public void Dispose()
        {
        }
    }
}
