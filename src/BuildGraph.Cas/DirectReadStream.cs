using BuildGraph.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace BuildGraph.Cas;

/// <summary>
/// Reads a large object file with O_DIRECT (past the page cache, see <see cref="BlobWriter"/>): whole
/// aligned 4 MiB blocks, the next one read in the background while the caller consumes this one.
/// </summary>
internal sealed class DirectReadStream : ForwardReadStream
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

    public override long Length => _length;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_consumed == _current.Length)
            TakeReadAhead(await _readAhead.WaitAsync(cancellationToken).ConfigureAwait(false));
        return Hand(buffer.Span);
    }

    public override int Read(Span<byte> buffer)
    {
        if (_consumed == _current.Length)
            TakeReadAhead(_readAhead.GetAwaiter().GetResult());
        return Hand(buffer);
    }

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

    /// <summary>Makes the block read ahead (<paramref name="read"/> bytes, 0 at the end) current, and reads the next.</summary>
    private void TakeReadAhead(int read)
    {
        if (read == 0)
            return;
        (_current, _ahead) = (_ahead, _current);
        _consumed = 0;
        _readAhead = _nextOffset < _length ? StartRead(_ahead, _nextOffset) : Task.FromResult(0);
        _nextOffset += BlockSize;
    }

    /// <summary>Copies what is left of the current block (0 at the end of the file).</summary>
    private int Hand(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _current.Length - _consumed);
        _current.Filled.Span.Slice(_consumed, count).CopyTo(buffer);
        _consumed += count;
        BytesRead += count;
        return count;
    }

    private Task<int> StartRead(AlignedBuffer target, long offset)
    {
        target.Clear();
        return Task.Run(() => target.FillFrom(_file, offset));
    }
}
