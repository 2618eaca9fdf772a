namespace VkLongPoll.Testing.Model;

/// <summary>A control or API request names something the world does not have, or is otherwise wrong.</summary>
internal sealed class EmulatorRequestException(string message) : Exception(message);
