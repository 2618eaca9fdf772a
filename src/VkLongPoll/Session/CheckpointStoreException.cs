namespace VkLongPoll;

/// <summary>A checkpoint store could not load or save: its file is not a database, is locked, or cannot be created.</summary>
/// <remarks>Nothing was written when this is thrown; the session stops rather than run without a place to keep its position.</remarks>
public sealed class CheckpointStoreException : VkLongPollException
{
    /// <summary>Creates the exception for the store at <paramref name="location"/>.</summary>
    /// <param name="location">The file (or other place) of the store.</param>
    /// <param name="problem">What is wrong with it, in a few words ("is not a SQLite database").</param>
    /// <param name="innerException">What the store's engine said.</param>
    public CheckpointStoreException(string location, string problem, Exception? innerException = null)
        : base($"the checkpoint file {location} {problem}", innerException)
    {
        Location = location;
        Problem = problem;
    }

    /// <summary>The file (or other place) of the store.</summary>
    public string Location { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
