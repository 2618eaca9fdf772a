using System.Text.Encodings.Web;
using System.Text.Json;

namespace VkLongPoll.Testing.Wire;

/// <summary>VK writes non-ASCII text as raw UTF-8, not as \u escapes; so does the emulator.</summary>
internal static class JsonOptions
{
    public static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
