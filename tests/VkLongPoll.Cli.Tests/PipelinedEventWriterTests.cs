using System.Text;
using VkLongPoll.Cli.Commands;
using VkLongPoll.Events;

namespace VkLongPoll.Cli.Tests;

/// <summary>vklp decode's output thread: order kept, failures reported once and as what they are.</summary>
public sealed class PipelinedEventWriterTests
{
    private static UnreadCounterEvent Counter(int count) => new UnreadCounterEvent(80, count);

    [Fact]
    public void ManyEvents_ComeOutInOrder_AndWritesAfterFlushGoStraightOut()
    {
        using var output = new MemoryStream();
        using (var writer = new PipelinedEventWriter(output, 19))
        {
            for (var i = 0; i < 10_000; i++)
            {
                writer.Write(Counter(i));
            }

            writer.Flush();
            writer.Write(Counter(10_000));
        }

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10_001, lines.Length);
        Assert.All(lines.Select((line, i) => (line, i)), x => Assert.Matches($"\"count\":{x.i}[,}}]", x.line));
    }

    [Fact]
    public void AFailureFirstMetWhenDisposing_IsThrown_AndOneAlreadyThrownIsNot()
    {
        var unseen = new PipelinedEventWriter(new FailingStream(() => new IOException("No space left on device")), 19);
        unseen.Write(Counter(1));
        Assert.Throws<PipelinedEventWriter.OutputFailedException>(unseen.Dispose);

        var seen = new PipelinedEventWriter(new FailingStream(() => new IOException("No space left on device")), 19);
        seen.Write(Counter(1));
        Assert.Throws<PipelinedEventWriter.OutputFailedException>(seen.Flush);
        seen.Dispose(); // quiet: reported by Flush
    }

    [Fact]
    public void AFailureThatIsNotOfTheOutput_IsABug_NeverAnInputError()
    {
        var writer = new PipelinedEventWriter(new FailingStream(() => new NotSupportedException("not writable")), 19);
        for (var i = 0; i < 5_000; i++)
        {
            writer.Write(Counter(i));
        }

        var e = Assert.Throws<InvalidOperationException>(writer.Flush);
        Assert.IsType<NotSupportedException>(e.InnerException);
    }

    /// <summary>Every write fails with the given exception.</summary>
    private sealed class FailingStream(Func<Exception> failure) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw failure();

        public override void Write(ReadOnlySpan<byte> buffer) => throw failure();

        public override void Flush() => throw failure();
    }
}
