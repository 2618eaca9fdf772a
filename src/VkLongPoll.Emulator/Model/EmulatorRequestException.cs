namespace VkLongPoll.Emulator.Model;

/// <summary>A control or API request names something the world does not have, or is otherwise wrong.</summary>
public sealed class EmulatorRequestException(string message) : Exception(message);
