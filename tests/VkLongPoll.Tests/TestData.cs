using System.Text;
using VkLongPoll.Events;

namespace VkLongPoll.Tests;

/// <summary>Reads the payload files under TestData/ (see TestData/README.md for their sources).</summary>
internal static class TestData
{
    public static byte[] Bytes(string relativePath) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", relativePath));

    public static IEnumerable<string> Files(string folder, string pattern = "*.json") =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", folder), pattern)
            .Select(path => Path.Combine(folder, Path.GetFileName(path)))
            .Order(StringComparer.Ordinal);

    public static LongPollDecoder Decoder(int version = 19, int? mode = null, long? self = null) =>
        new(new LongPollDecoderOptions { Version = version, Mode = mode, SelfUserId = self });

    public static LongPollEvent Event(string json, int version = 19, LongPollContext context = LongPollContext.Live, int? mode = null, long? self = null) =>
        Decoder(version, mode, self).ReadEvent(Encoding.UTF8.GetBytes(json), context);

    public static T Event<T>(string json, int version = 19, LongPollContext context = LongPollContext.Live, int? mode = null, long? self = null)
        where T : LongPollEvent =>
        Assert.IsType<T>(Event(json, version, context, mode, self));

    public static LongPollMessage Message(LongPollEvent e) => e switch
    {
        MessageNewEvent m => m.Message,
        MessageEditEvent m => m.Message,
        MessageUpdatedEvent m => m.Message,
        MessageFlagsSetEvent m => m.Message,
        MessageFlagsResetEvent m => m.Message,
        MessageFlagsReplacedEvent m => m.Message,
        _ => throw new InvalidOperationException($"{e.Type} carries no message"),
    };
}
