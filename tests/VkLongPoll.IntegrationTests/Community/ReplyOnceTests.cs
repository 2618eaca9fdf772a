using VkLongPoll.Community;
using VkLongPoll.Engine;
using VkLongPoll.TestSupport;

namespace VkLongPoll.IntegrationTests.Community;

/// <summary>
/// A reply through <see cref="AccountBatch.ReplyAsync"/> is sent once although its batch is handled again (a handler that
/// failed after replying, a process that died before its checkpoint): the same random_id goes out, and VK — here the
/// emulator, which keeps one message per random_id of a sender as VK does — keeps one.
/// </summary>
[Collection(CommunityGroup.Name)]
public sealed class ReplyOnceTests(CommunityFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AReply_SentAgainWhenItsBatchComesAgain_IsKeptOnce_AndASecondReplyToTheSameMessageIsItsOwn()
    {
        var (index, id, token) = fixture.NewCommunity();
        var options = new LongPollClientOptions { AccessToken = token, GroupId = id, ApiBaseUrl = fixture.Emulator.ApiUrl, ApiCallsPerSecond = 0, Wait = 2 };
        await using var source = new CommunitySource(new CommunitySourceOptions { Connection = options }, fixture.Http);
        using var api = options.CreateApiClient(fixture.Http);
        var handler = new ReplyThenFail();
        using var stop = new CancellationTokenSource(Bound);
        var engine = new AccountEngine(source, handler, new AccountEngineOptions
        {
            Account = "club",
            Api = api,
            HandlerAttempts = 3,
            Backoff = new RetryBackoff(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10)),
        });
        var running = engine.RunAsync(stop.Token);
        await Poll.UntilAsync(() => engine.Checkpoint is not null, Bound, "the source's first batch");

        var question = fixture.Emulator.SendCommunityMessage(index, "how much?");
        await Poll.UntilAsync(() => handler.Attempts >= 2, Bound, "the batch handled again after the failure");
        await stop.CancelAsync();
        await running;

        var replies = fixture.Emulator.CommunityJournal(index).Where(e => e.Type == "message_reply" && e.PeerId == question.PeerId).ToList();
        Assert.Equal(2, handler.Sent.Count(s => s.Attempt == 1));
        Assert.Equal(2, handler.Sent.Count(s => s.Attempt == 2));
        Assert.Equal(2, replies.Count); // "price" and "thanks", each once, although each was sent twice
        Assert.Equal(handler.Sent.Where(s => s.Attempt == 1).Select(s => s.MessageId), handler.Sent.Where(s => s.Attempt == 2).Select(s => s.MessageId));
    }

    [Fact]
    public void ARepliesRandomId_IsTheSameForTheSameReply_AndAnotherForAnother()
    {
        var first = ReplyId.Derive("club", "message_new 5/7", "0");

        Assert.Equal(first, ReplyId.Derive("club", "message_new 5/7", "0"));
        Assert.NotEqual(first, ReplyId.Derive("club", "message_new 5/7", "1"));
        Assert.NotEqual(first, ReplyId.Derive("club", "message_new 5/8", "0"));
        Assert.NotEqual(first, ReplyId.Derive("other", "message_new 5/7", "0"));
        Assert.InRange(first, 1, int.MaxValue);
    }

    /// <summary>Replies twice to each new message, then fails the first attempt: the batch comes again and replies again.</summary>
    private sealed class ReplyThenFail : IAccountBatchHandler
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public List<(int Attempt, long MessageId)> Sent { get; } = [];

        public async ValueTask HandleAsync(AccountBatch batch, CancellationToken cancellationToken)
        {
            var messages = batch.Events.OfType<CommunityMessageNew>().ToList();
            if (messages.Count == 0)
            {
                return;
            }

            Interlocked.Increment(ref _attempts);
            foreach (var message in messages)
            {
                Sent.Add((batch.Attempt, await batch.ReplyAsync(message, "price: 100", cancellationToken: cancellationToken)));
                Sent.Add((batch.Attempt, await batch.ReplyAsync(message, "thanks!", cancellationToken: cancellationToken)));
            }

            if (batch.Attempt == 1)
            {
                throw new InvalidOperationException("the database went away after the replies");
            }
        }
    }
}
