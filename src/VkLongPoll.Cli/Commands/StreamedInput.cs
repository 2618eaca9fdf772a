using System.Buffers;
using System.Text.Json;

namespace VkLongPoll.Cli.Commands;

/// <summary>
/// The input of <c>vklp decode</c>, read from a stream through one buffer that holds the value being decoded and little
/// more: memory does not grow with the input, only with its largest value (at most <see cref="MaxValueBytes"/>).
/// </summary>
/// <remarks>
/// Offsets are absolute (from the first byte of the input); line numbers count every newline before them, also those of
/// bytes already let go. Spans it returns are valid until the next call that reads.
/// </remarks>
internal sealed class StreamedInput : IDisposable
{
    /// <summary>The largest single JSON value it holds (VK's answers are kilobytes; the session allows the same).</summary>
    public const int MaxValueBytes = 64 * 1024 * 1024;

    private const int ReadSize = 1024 * 1024;

    private static readonly JsonReaderOptions ReaderOptions = new() { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip };

    private readonly Stream _stream;
    private readonly int _maxValueBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfInput;

    // What was let go before _buffer[0]: its length, and its newlines for line numbers.
    private long _base;
    private long _linesBeforeBase;
    private long _lastNewlineBeforeBase = -1;

    public StreamedInput(Stream stream, int maxValueBytes = MaxValueBytes)
    {
        _stream = stream;
        _maxValueBytes = maxValueBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(ReadSize * 2);
    }

    /// <summary>The absolute offset of the next byte to read.</summary>
    public long Position => _base + _start;

    /// <summary>The bytes from <see cref="Position"/> to the end of its line (the newline excluded); false at the end of the input.</summary>
    /// <param name="line">The line.</param>
    /// <param name="length">How far to <see cref="Advance"/> past it: its length and its newline, if any.</param>
    /// <exception cref="InputValueTooLargeException">The line is longer than the largest value allowed.</exception>
    public bool TryReadLine(out ReadOnlySpan<byte> line, out int length)
    {
        var searched = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + searched, _end - _start - searched).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = Checked(_buffer.AsSpan(_start, searched + newline));
                length = line.Length + 1;
                return true;
            }

            searched = _end - _start;
            if (_endOfInput)
            {
                line = Checked(_buffer.AsSpan(_start, searched));
                length = searched;
                return searched > 0;
            }

            if (searched > _maxValueBytes)
            {
                throw new InputValueTooLargeException(Position, _maxValueBytes);
            }

            Fill();
        }
    }

    /// <summary>A line no longer than a value may be (a longer one is a larger value, or several, to be found by <see cref="NextValue"/>).</summary>
    private ReadOnlySpan<byte> Checked(ReadOnlySpan<byte> line)
    {
        if (line.Length > _maxValueBytes)
        {
            // Leading whitespace aside, the value starts the line: its offset is where the error belongs.
            var skipped = line.IndexOfAnyExcept(" \t\r"u8);
            throw new InputValueTooLargeException(Position + Math.Max(skipped, 0), _maxValueBytes);
        }

        return line;
    }

    /// <summary>Moves past <paramref name="count"/> bytes.</summary>
    public void Advance(int count) => _start += count;

    /// <summary>
    /// The next JSON value from <see cref="Position"/> (whitespace and comments skipped), found with a JSON reader: for
    /// pretty-printed input, several values on a line, and input that is not valid. Null at the end of the input.
    /// </summary>
    /// <exception cref="JsonException">Invalid JSON; <see cref="JsonException.LineNumber"/> and <see cref="JsonException.BytePositionInLine"/> count from <see cref="Position"/>.</exception>
    /// <exception cref="InputValueTooLargeException">The value is larger than the largest allowed.</exception>
    public InputValue? NextValue()
    {
        var state = new JsonReaderState(ReaderOptions);
        var consumed = 0;
        var valueStart = -1;
        var kind = JsonTokenType.None;
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start + consumed, _end - _start - consumed), _endOfInput, state);
            while (reader.Read())
            {
                if (valueStart < 0)
                {
                    valueStart = consumed + (int)reader.TokenStartIndex;
                    kind = reader.TokenType;
                }

                if (reader.CurrentDepth == 0 && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                {
                    var end = consumed + (int)reader.BytesConsumed;
                    if (end - valueStart > _maxValueBytes)
                    {
                        throw new InputValueTooLargeException(Position + valueStart, _maxValueBytes);
                    }

                    return new InputValue(_start + valueStart, end - valueStart, kind);
                }
            }

            if (_endOfInput)
            {
                // The reader throws for a value cut short; nothing but whitespace and comments is left.
                return null;
            }

            consumed += (int)reader.BytesConsumed;
            state = reader.CurrentState;
            if (_end - _start - (valueStart < 0 ? consumed : valueStart) > _maxValueBytes)
            {
                throw new InputValueTooLargeException(Position + Math.Max(valueStart, 0), _maxValueBytes);
            }

            Fill();
        }
    }

    /// <summary>The bytes of a value <see cref="NextValue"/> found (its start is relative to the buffer).</summary>
    public ReadOnlySpan<byte> Bytes(InputValue document) => _buffer.AsSpan(document.Start, document.Length);

    /// <summary>The absolute offset of a buffer index.</summary>
    public long OffsetOf(int bufferIndex) => _base + bufferIndex;

    /// <summary>The buffer index of an absolute offset (not let go yet).</summary>
    public int IndexOf(long offset) => (int)(offset - _base);

    /// <summary>The buffer from <see cref="Position"/> on (for error positions relative to it).</summary>
    public ReadOnlySpan<byte> Rest => _buffer.AsSpan(_start, _end - _start);

    /// <summary>1-based line and column of an absolute offset not let go yet.</summary>
    public (long Line, long Column) LineAndColumn(long offset)
    {
        var index = (int)Math.Clamp(offset - _base, 0, _end);
        var before = _buffer.AsSpan(0, index);
        var newlines = before.Count((byte)'\n');
        var lastNewline = newlines > 0 ? _base + before.LastIndexOf((byte)'\n') : _lastNewlineBeforeBase;
        return (_linesBeforeBase + newlines + 1, _base + index - lastNewline);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    /// <summary>Lets go of what is before <see cref="Position"/>, makes room (growing only for a value larger than the buffer), reads.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            var released = _buffer.AsSpan(0, _start);
            var newlines = released.Count((byte)'\n');
            if (newlines > 0)
            {
                _linesBeforeBase += newlines;
                _lastNewlineBeforeBase = _base + released.LastIndexOf((byte)'\n');
            }

            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _base += _start;
            _end -= _start;
            _start = 0;
        }

        if (_buffer.Length - _end < ReadSize / 2)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfInput = true;
        }

        _end += read;
    }
}

/// <summary>A single JSON value in the input is larger than <c>vklp decode</c> holds.</summary>
internal sealed class InputValueTooLargeException(long offset, int limit)
    : Exception($"a single JSON value larger than {(limit >= 1024 * 1024 ? $"{limit / (1024 * 1024)} MB" : $"{limit} bytes")}; split the input into smaller values (one a_check answer per line)")
{
    public long Offset { get; } = offset;
}
