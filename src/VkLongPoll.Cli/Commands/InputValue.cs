using System.Text.Json;

namespace VkLongPoll.Cli.Commands;

/// <summary>One top-level JSON value of <c>vklp decode</c>'s input: where it is in <see cref="StreamedInput"/>'s buffer, and what it opens with.</summary>
internal readonly record struct InputValue(int Start, int Length, JsonTokenType Kind);
