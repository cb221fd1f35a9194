using Microsoft.Win32.SafeHandles;

namespace BuildGraph.Cas;

/// <summary>
/// Reads a large object file with O_DIRECT (past the page cache, see <see cref="BlobWriter"/>): whole
/// aligned 4 MiB blocks, the next one read in the background while the caller consumes this one.
/// Forward-only; asynchronous reads are the fast path.
/// </summary>
internal sealed class DirectReadStream : Stream
{
    private const int Alignment = 4096;
    private const int BlockSize = 4 * 1024 * 1024;

    private readonly SafeFileHandle _file;
    private readonly long _length;
    private AlignedBuffer _current = new(BlockSize, Alignment);
    private AlignedBuffer _ahead = new(BlockSize, Alignment);
    private Task<int> _readAhead;
    private long _nextOffset; // file offset of the block after the one being read ahead
    private int _consumed; // bytes of _current handed out
    private long _position;

    private DirectReadStream(SafeFileHandle file)
    {
        _file = file;
        _length = RandomAccess.GetLength(file);
        _readAhead = StartRead(_ahead, 0);
        _nextOffset = BlockSize;
    }

    /// <summary>The file opened for direct reads, or null where the file system refuses O_DIRECT.</summary>
    public static DirectReadStream? TryOpen(string path)
    {
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (Native.TrySetDirect(file))
            return new DirectReadStream(file);
        file.Dispose();
        return null;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_consumed == _current.Length)
        {
            var read = await _readAhead.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (read == 0)
                return 0;
            (_current, _ahead) = (_ahead, _current);
            _consumed = 0;
            _readAhead = _nextOffset < _length ? StartRead(_ahead, _nextOffset) : Task.FromResult(0);
            _nextOffset += BlockSize;
        }
        var count = Math.Min(buffer.Length, _current.Length - _consumed);
        _current.Filled.Span.Slice(_consumed, count).CopyTo(buffer.Span);
        _consumed += count;
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var rented = new byte[buffer.Length];
        var read = ReadAsync(rented).AsTask().GetAwaiter().GetResult();
        rented.AsSpan(0, read).CopyTo(buffer);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // The read ahead must not land in a closed file's buffer.
            ((Task)_readAhead).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
            _file.Dispose();
        }
        base.Dispose(disposing);
    }

    private Task<int> StartRead(AlignedBuffer target, long offset)
    {
        target.Clear();
        return Task.Run(() => target.FillFrom(_file, offset));
    }
}
