using System.Security.Cryptography;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;
using Microsoft.Win32.SafeHandles;

namespace BuildGraph.Cas;

/// <summary>
/// Writes one blob that arrives in pieces (a download, an upload) into a file beside the store,
/// hashing each piece as it is written, so that <see cref="CommitAsync"/> checks the digest without
/// reading the file again and renames it into place. A piece is written in the background while the
/// caller receives and hashes the next one. Not thread-safe; one writer per file.
/// </summary>
/// <remarks>
/// <para>A writer from <see cref="LocalCas.CreateBlobWriter"/> deletes its file unless committed. A writer from
/// <see cref="LocalCas.ResumeBlobWriter"/> keeps an uncommitted file, so that a broken upload can go on
/// later from <see cref="Written"/>; it hashes the bytes already there when it opens.</para>
/// <para>Large blobs bypass the page cache (O_DIRECT, through two aligned 4 MiB buffers) where the file
/// system allows it: filling fresh page-cache pages cost more CPU than the network and the hash together
/// on the virtual machine measured (bench/README.md), and a stored blob is hard-linked into checkouts,
/// not read back at once.</para>
/// </remarks>
public sealed class BlobWriter : IAsyncDisposable
{
    /// <summary>Blobs at least this large are written with O_DIRECT.</summary>
    public const long DirectThreshold = 16 * 1024 * 1024;

    private const int Alignment = 4096;
    private const int DirectBufferSize = 4 * 1024 * 1024;

    private readonly LocalCas _cas;
    private readonly FileStream _stream;
    private readonly SafeFileHandle _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly bool _keepUncommitted;
    private AlignedBuffer? _filling; // direct mode: the buffer being filled, then its twin
    private AlignedBuffer? _spare;
    private long _flushed; // direct mode: bytes handed to the file so far
    private Task _pendingWrite = Task.CompletedTask;
    private bool _committed;
    private bool _disposed;

    internal BlobWriter(LocalCas cas, string path, Digest expected, bool keepUncommitted)
    {
        _cas = cas;
        Path = path;
        Expected = expected;
        _keepUncommitted = keepUncommitted;
        _stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = 0,
            UnixCreateMode = FileModes.Object | UnixFileMode.UserWrite, // made read-only on commit
        });
        _file = _stream.SafeFileHandle;
        try
        {
            Written = _flushed = HashExisting();
            if (expected.SizeBytes >= DirectThreshold && Written % Alignment == 0 && Native.TrySetDirect(_file))
            {
                _filling = new AlignedBuffer(DirectBufferSize, Alignment);
                _spare = new AlignedBuffer(DirectBufferSize, Alignment);
            }
        }
        catch
        {
            _stream.Dispose();
            _hash.Dispose();
            throw;
        }
    }

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <summary>The digest the content must have.</summary>
    public Digest Expected { get; }

    /// <summary>Bytes written so far (including those found when resuming).</summary>
    public long Written { get; private set; }

    /// <summary>
    /// Hashes <paramref name="data"/> and writes it after the pieces before; the caller must leave the
    /// memory unchanged until the next call (or <see cref="CommitAsync"/>) returns.
    /// </summary>
    /// <exception cref="CasException">DigestMismatch: more bytes than the digest's size.</exception>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Written + data.Length > Expected.SizeBytes)
        {
            throw new CasException(ErrorReason.DigestMismatch, $"Content does not match digest {Expected}",
                $"More than its {Expected.SizeBytes} bytes arrived; nothing was stored.");
        }
        _hash.AppendData(data.Span);
        Written += data.Length;
        if (_filling is null)
        {
            await WriteInBackgroundAsync(data).ConfigureAwait(false);
            return;
        }
        while (!data.IsEmpty)
        {
            var taken = _filling.Append(data.Span);
            data = data[taken..];
            if (_filling.IsFull)
                await FlushFillingAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Checks size and hash, then moves the file into the store (a concurrent twin is fine).</summary>
    /// <exception cref="CasException">DigestMismatch: the content is wrong; the file is deleted, nothing was stored.</exception>
    public async Task CommitAsync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var padded = _filling is { Length: > 0 };
        if (padded)
        {
            // O_DIRECT writes whole blocks: pad the tail, and cut the file back to its size below.
            _filling!.PadTo(Alignment);
            await FlushFillingAsync().ConfigureAwait(false);
        }
        await _pendingWrite.ConfigureAwait(false);
        if (padded)
            RandomAccess.SetLength(_file, Written);
        var actual = new Digest(BlobHasher.Hex(_hash.GetHashAndReset()), Written);
        _committed = true; // from here on the file is either stored or deleted, never kept
        await DisposeAsync().ConfigureAwait(false);
        if (actual != Expected)
        {
            File.Delete(Path);
            throw new CasException(ErrorReason.DigestMismatch, $"Content does not match digest {Expected}",
                $"The content received hashes to {actual}; nothing was stored.");
        }
        try
        {
            _cas.CommitFile(Path, Expected);
        }
        finally
        {
            File.Delete(Path); // already renamed away unless the commit failed
        }
    }

    /// <summary>Drops the writer and its file, partial upload or not.</summary>
    public async Task DiscardAsync()
    {
        await DisposeAsync().ConfigureAwait(false);
        File.Delete(Path);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        // A write that failed after the caller gave up: the file is dropped (or kept partial) as it is.
        await _pendingWrite.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!_committed && _keepUncommitted && _filling is { Length: > 0 } && _pendingWrite.IsCompletedSuccessfully
            && Native.TrySetDirect(_file, on: false))
        {
            // Everything counted in Written must be in the file for a resume: the unaligned tail goes through the cache.
            RandomAccess.Write(_file, _filling.Filled.Span, _flushed);
        }
        _stream.Dispose();
        _hash.Dispose();
        if (!_committed && !_keepUncommitted)
            File.Delete(Path);
    }

    private async Task WriteInBackgroundAsync(ReadOnlyMemory<byte> data)
    {
        await _pendingWrite.ConfigureAwait(false);
        var offset = _flushed;
        _flushed += data.Length;
        _pendingWrite = Task.Run(() => WriteAt(data.Span, offset));
    }

    private void WriteAt(ReadOnlySpan<byte> data, long offset)
    {
        try
        {
            RandomAccess.Write(_file, data, offset);
        }
        catch (IOException e) when (_filling is not null && Native.IsDirectIoRefused(e) && Native.TrySetDirect(_file, on: false))
        {
            // A file system that accepted O_DIRECT but refuses these writes: the rest goes through the cache.
            RandomAccess.Write(_file, data, offset);
        }
    }

    /// <summary>Starts writing the filled buffer and continues filling its twin once that is free.</summary>
    private async Task FlushFillingAsync()
    {
        var full = _filling!;
        await WriteInBackgroundAsync(full.Filled).ConfigureAwait(false);
        (_filling, _spare) = (_spare!, full);
        _filling.Clear();
    }

    private long HashExisting()
    {
        var length = RandomAccess.GetLength(_file);
        if (length > Expected.SizeBytes)
        {
            RandomAccess.SetLength(_file, 0); // cannot be a prefix of this blob: start over
            return 0;
        }
        var buffer = new byte[Math.Min(length, BlobHasher.BufferSize)];
        for (long offset = 0; offset < length;)
        {
            var read = RandomAccess.Read(_file, buffer, offset);
            if (read == 0)
                break;
            _hash.AppendData(buffer, 0, read);
            offset += read;
        }
        return length;
    }
}
