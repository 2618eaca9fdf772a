using VkLongPoll.Engine;
using VkLongPoll.Events;
using VkLongPoll.Hosting;

namespace VkLongPoll.WebApp;

/// <summary>Keeps each new message's text in the <see cref="Inbox"/>.</summary>
internal sealed class RememberMessages(Inbox inbox) : ILongPollEventHandler<MessageNewEvent>
{
    public ValueTask HandleAsync(MessageNewEvent longPollEvent, AccountBatch batch, CancellationToken cancellationToken)
    {
        inbox.Add(longPollEvent.Message.Text ?? string.Empty);
        return ValueTask.CompletedTask;
    }
}
