using VkLongPoll.Community;
using VkLongPoll.Engine;
using VkLongPoll.Events;
using VkLongPoll.Hosting;

namespace EchoBot;

/// <summary>
/// Answers every message with its own text, once. The batch is handed over again after a crash (the checkpoint is saved
/// after the handler): <see cref="AccountBatch.ReplyAsync"/> sends the same <c>random_id</c> again, and VK keeps one reply.
/// </summary>
public sealed class Echo : ILongPollEventHandler<CommunityMessageNew>, ILongPollEventHandler<MessageNewEvent>
{
    /// <summary>A community's incoming message (the Bots Long Poll or the Callback API).</summary>
    public async ValueTask HandleAsync(CommunityMessageNew message, AccountBatch context, CancellationToken cancellationToken) =>
        await context.ReplyAsync(message, "echo: " + message.Message.Text, cancellationToken: cancellationToken);

    /// <summary>A user's incoming message (a user's token over the User Long Poll); never its own.</summary>
    public async ValueTask HandleAsync(MessageNewEvent message, AccountBatch context, CancellationToken cancellationToken)
    {
        if (message.Message.IsOutgoing != true)
        {
            await context.ReplyAsync(message, "echo: " + message.Message.Text, cancellationToken: cancellationToken);
        }
    }
}
