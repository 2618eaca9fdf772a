using VkLongPoll.Testing;

namespace VkLongPoll.IntegrationTests.Community;

/// <summary>The callback sender waits on the emulator's clock: a retry comes when fake time passes, not real time.</summary>
public sealed class CallbackClockTests : IAsyncLifetime
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(7); // a due time no other timer has
    private readonly FakeClockTests.TimerWatchingClock _time = new(new DateTimeOffset(2026, 12, 8, 12, 0, 0, TimeSpan.Zero));
    private VkEmulator _emulator = null!;

    public async Task InitializeAsync() =>
        _emulator = await VkEmulator.StartAsync(new EmulatorOptions { TimeProvider = _time, PlainHttp = true, CallbackRetryDelay = RetryDelay });

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Retry_WaitsForTheEmulatorsClock()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var receiver = new CallbackReceiver(() => _emulator.CallbackConfirmationCode(0), secret: null)
        {
            Answer = n => n == 0 ? (500, "later", null) : null,
        };
        _emulator.ConfigureCallback(0, receiver.Url, secret: null);
        var sent = _emulator.SendCommunityMessage(0, "по часам эмулятора");

        await _time.TimerSetAsync(RetryDelay, bound.Token); // the first try failed; the sender waits 7 fake minutes
        Assert.Empty(receiver.Accepted);
        _time.Advance(RetryDelay);
        await receiver.WaitUntilAsync(r => r.Accepted.Count == 1, TimeSpan.FromSeconds(20));

        Assert.Equal((sent.EventId, 1), (receiver.Accepted[0].EventId, receiver.Accepted[0].Retry));
    }
}
