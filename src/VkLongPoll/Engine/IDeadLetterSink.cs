namespace VkLongPoll.Engine;

/// <summary>Where dead-lettered batches go (register any number with <c>services.AddSingleton&lt;IDeadLetterSink, …&gt;()</c>).</summary>
/// <remarks>A sink that throws is logged and the account goes on: dead-lettering never stops an account.</remarks>
public interface IDeadLetterSink
{
    /// <summary>Keeps <paramref name="letter"/> (a table, a queue, an alert).</summary>
    ValueTask DeadLetterAsync(DeadLetter letter, CancellationToken cancellationToken);
}
