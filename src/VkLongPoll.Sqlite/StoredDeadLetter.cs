namespace VkLongPoll.Sqlite;

/// <summary>A batch given up on, as <see cref="SqliteCheckpointStore"/> keeps it.</summary>
/// <param name="Account">The account's name.</param>
/// <param name="CheckpointName">The name its checkpoint is kept under.</param>
/// <param name="Time">When it was given up.</param>
/// <param name="Attempts">How many times it was handed over.</param>
/// <param name="Error">The last exception's type and message.</param>
/// <param name="EventsJson">The batch's events as the event JSON (docs/events.md), one line each.</param>
/// <param name="Ts">The <c>ts</c> of the checkpoint after the batch (saved: the account went on past it).</param>
/// <param name="Pts">The <c>pts</c> of that checkpoint.</param>
public sealed record StoredDeadLetter(string Account, string CheckpointName, DateTimeOffset Time, int Attempts, string Error, string EventsJson, long Ts, long Pts);
