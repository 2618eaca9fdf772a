using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using VkLongPoll.Testing;
using VkLongPoll.Events;

namespace VkLongPoll.IntegrationTests;

/// <summary>Everything that depends on time, on a fake clock: wait expiry, key lifetime, rate limits, slow answers, the retained window.</summary>
public sealed class FakeClockTests : IAsyncLifetime
{
    private readonly TimerWatchingClock _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private VkEmulator _emulator = null!;

    public async Task InitializeAsync() =>
        _emulator = await VkEmulator.StartAsync(new EmulatorOptions { TimeProvider = _time, RetainedEvents = 16, ApiCallsPerSecond = 3, Accounts = 2 });

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Wait_RunsOutOnTheEmulatorsClock_WithAnEmptyAnswer()
    {
        using var client = new EmulatorClient(_emulator);
        var (server, key, ts, _) = await client.LongPollServerAsync();

        var poll = client.CheckAsync(server, key, ts, wait: 25);
        await AdvanceOnceTheServerWaitsAsync(poll, TimeSpan.FromSeconds(25));

        var response = TestDecoder.Response(await poll);
        Assert.Empty(response.Updates);
        Assert.Equal(ts, response.Ts);
    }

    [Fact]
    public async Task Key_ExpiresAfterItsLifetime()
    {
        using var client = new EmulatorClient(_emulator);
        var (server, key, ts, _) = await client.LongPollServerAsync();

        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        Assert.Equal(2, TestDecoder.Response(await client.CheckAsync(server, key, ts)).Failed);
    }

    [Fact]
    public async Task RateLimit_FourthCallInOneSecondIsError6_NextSecondIsFine()
    {
        using var client = new EmulatorClient(_emulator, account: 1);

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await client.ApiAsync("users.get")).TryGetProperty("response", out _));
        }

        Assert.Equal(6, (await client.ApiAsync("users.get")).GetProperty("error").GetProperty("error_code").GetInt32());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await client.ApiAsync("users.get")).TryGetProperty("response", out _));
    }

    [Fact]
    public async Task SlowFault_AnswersFiveSecondsLateOnTheClock()
    {
        using var client = new EmulatorClient(_emulator);
        var (server, key, ts, _) = await client.LongPollServerAsync();
        await client.ControlAsync("send", new { text = "late" });
        _emulator.Faults.Enqueue(FaultKind.Slow, 1);

        var poll = client.CheckAsync(server, key, ts);
        await AdvanceOnceTheServerWaitsAsync(poll, TimeSpan.FromSeconds(5));

        Assert.Contains(TestDecoder.Response(await poll).Updates, e => e is MessageNewEvent { Message.Text: "late" });
    }

    [Fact]
    public async Task FallingBehindTheRetainedWindow_IsFailed1()
    {
        using var client = new EmulatorClient(_emulator);
        var (server, key, ts, _) = await client.LongPollServerAsync();
        for (var i = 0; i < 10; i++)
        {
            await client.ControlAsync("send", new { text = $"{i}" }); // two events each: message and counter
        }

        var response = TestDecoder.Response(await client.CheckAsync(server, key, ts));

        Assert.Equal(1, response.Failed);
        Assert.Equal(ts + 20, response.Ts);
    }

    /// <summary>
    /// Moves the fake clock by <paramref name="wait"/> once the server has set its timer for it (it does so asynchronously,
    /// once the request arrives: a move before that would be lost), then lets the request complete.
    /// </summary>
    private async Task AdvanceOnceTheServerWaitsAsync(Task request, TimeSpan wait)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var timerSet = _time.TimerSetAsync(wait, bound.Token);
        if (await Task.WhenAny(timerSet, request) == request)
        {
            await request; // its failure, if it failed
            Assert.Fail($"the request completed before the server waited {wait}");
        }

        await timerSet;
        Assert.False(request.IsCompleted, "the request completed before the clock moved");
        _time.Advance(wait);
        await request.WaitAsync(bound.Token);
    }

    /// <summary>A fake clock that tells when a timer is set on it.</summary>
    internal sealed class TimerWatchingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly Channel<TimeSpan> _set = Channel.CreateUnbounded<TimeSpan>();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _set.Writer.TryWrite(dueTime);
            return timer;
        }

        /// <summary>Completes once a timer due in <paramref name="dueTime"/> has been set.</summary>
        public async Task TimerSetAsync(TimeSpan dueTime, CancellationToken cancellationToken)
        {
            await foreach (var set in _set.Reader.ReadAllAsync(cancellationToken))
            {
                if (set == dueTime)
                {
                    return;
                }
            }
        }
    }
}
