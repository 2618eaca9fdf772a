using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using VkLongPoll.Events;

namespace VkLongPoll.Cli.Commands;

/// <summary>
/// <c>vklp decode</c>'s output: events are handed in batches to a thread of their own that writes them as NDJSON, so
/// decoding the next answer and writing the last one's events run on two cores at once (the writer costs about what
/// the decoder does; docs/performance.md). Output order is input order: one producer, one consumer, one queue.
/// </summary>
/// <remarks>
/// The queue holds at most <see cref="QueuedBatches"/> batches of <see cref="BatchSize"/> events, so memory stays bounded
/// however far the decoder runs ahead. <see cref="Flush"/> drains the queue, stops the thread and writes everything out;
/// after it, writes go straight to the stream (the error paths write their last events that way, then report).
/// A failure of the output (a full disk) is thrown on the decoding thread at its next write or flush, as an
/// <see cref="OutputFailedException"/> (so it is not taken for a failure to read the input).
/// </remarks>
internal sealed class PipelinedEventWriter : IDisposable
{
    private const int BatchSize = 1024;
    private const int QueuedBatches = 8;

    private readonly EventJsonWriter _writer;
    private readonly BlockingCollection<Item[]> _queue = new(QueuedBatches);
    private readonly Thread _thread;
    private Item[] _batch = new Item[BatchSize];
    private int _count;
    private bool _direct;
    private ExceptionDispatchInfo? _failure;
    private bool _failureReported;

    public PipelinedEventWriter(Stream output, int version)
    {
        _writer = new EventJsonWriter(output, version);
        _thread = new Thread(WriteBatches) { IsBackground = true, Name = "vklp decode writer" };
        _thread.Start();
    }

    public void Write(LongPollEvent e) => Add(new Item(e, null));

    public void WriteFailed(LongPollResponse response) => Add(new Item(null, response));

    /// <summary>Everything queued is written and flushed; from here on writes are direct.</summary>
    public void Flush()
    {
        Drain();
        OnOutput(_writer.Flush);
    }

    /// <summary>Writes what is left and returns the buffer; a failure of the output already thrown to the caller is not thrown again.</summary>
    public void Dispose()
    {
        var reported = _failureReported;
        try
        {
            try
            {
                Drain();
            }
            finally
            {
                // Disposing the writer returns its pooled buffer even when its last write fails.
                OnOutput(_writer.Dispose);
            }
        }
        catch (OutputFailedException) when (reported)
        {
            // Reported by the write or flush that met it first.
        }
        finally
        {
            _queue.Dispose();
        }
    }

    private void Add(Item item)
    {
        if (_direct)
        {
            OnOutput(() => WriteItem(item));
            return;
        }

        _batch[_count++] = item;
        if (_count == BatchSize)
        {
            Enqueue();
        }
    }

    private void Enqueue()
    {
        if (_count == 0)
        {
            return;
        }

        var full = _count == BatchSize ? _batch : _batch[.._count];
        _batch = new Item[BatchSize];
        _count = 0;
        try
        {
            _queue.Add(full);
        }
        catch (InvalidOperationException) when (_failure is not null)
        {
            // The writer stopped on a failure and closed the queue: that failure is the one to report.
            ThrowFailure();
        }
    }

    private void Drain()
    {
        if (_direct)
        {
            return;
        }

        try
        {
            Enqueue();
        }
        finally
        {
            _direct = true;
            _queue.CompleteAdding();
            _thread.Join();
        }

        if (_failure is not null)
        {
            ThrowFailure();
        }
    }

    private void ThrowFailure()
    {
        _failureReported = true;
        _failure!.Throw();
    }

    private void WriteBatches()
    {
        try
        {
            foreach (var batch in _queue.GetConsumingEnumerable())
            {
                foreach (var item in batch)
                {
                    WriteItem(item);
                }
            }
        }
        catch (Exception e)
        {
            // Anything but an I/O error is a bug of the writer: wrapped, so the decoding thread cannot take it for an error
            // of its input (a LongPollProtocolException there means a malformed value).
            _failure = ExceptionDispatchInfo.Capture(e is IOException io
                ? new OutputFailedException(io)
                : new InvalidOperationException($"writing the output failed: {e.Message}", e));
            _queue.CompleteAdding();
        }
    }

    private void OnOutput(Action write)
    {
        try
        {
            write();
        }
        catch (IOException e)
        {
            var failure = new OutputFailedException(e);
            _failure ??= ExceptionDispatchInfo.Capture(failure);
            _failureReported = true;
            throw failure;
        }
    }

    private void WriteItem(Item item)
    {
        if (item.Event is { } e)
        {
            _writer.Write(e);
        }
        else
        {
            _writer.WriteFailed(item.Failed!);
        }
    }

    private readonly record struct Item(LongPollEvent? Event, LongPollResponse? Failed);

    /// <summary>Writing the output failed (its <see cref="Exception.InnerException"/> says how).</summary>
    internal sealed class OutputFailedException(IOException inner) : Exception(inner.Message, inner);
}
