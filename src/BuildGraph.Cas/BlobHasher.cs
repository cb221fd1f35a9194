using System.Buffers;
using System.Security.Cryptography;
using BuildGraph.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace BuildGraph.Cas;

/// <summary>
/// sha256 over files in 1 MiB pooled buffers: one-shot for files that fit in one buffer, incremental
/// beyond. Synchronous on purpose: callers run these on thread-pool workers, one file per worker.
/// </summary>
internal static class BlobHasher
{
    public const int BufferSize = 1024 * 1024;

    public static Digest HashFile(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        return Copy(handle, target: null);
    }

    /// <summary>
    /// Copies <paramref name="source"/> to a new file <paramref name="target"/> (which must not exist)
    /// with <paramref name="mode"/>, hashing what it copies. The caller compares and cleans up.
    /// </summary>
    public static Digest CopyFile(string source, string target, UnixFileMode mode)
    {
        using var input = File.OpenHandle(source, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        using var output = new FileStream(target, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0,
            UnixCreateMode = mode,
        });
        return Copy(input, output.SafeFileHandle);
    }

    public static string Hex(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash);

    private static Digest Copy(SafeFileHandle input, SafeFileHandle? target)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long offset = 0;
            var read = Fill(input, buffer, offset);
            if (read < BufferSize)
            {
                // The common case: small files need no incremental hash object.
                if (target is not null && read > 0)
                    RandomAccess.Write(target, buffer.AsSpan(0, read), 0);
                return new Digest(Hex(SHA256.HashData(buffer.AsSpan(0, read))), read);
            }
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            while (read > 0)
            {
                hash.AppendData(buffer, 0, read);
                if (target is not null)
                    RandomAccess.Write(target, buffer.AsSpan(0, read), offset);
                offset += read;
                read = Fill(input, buffer, offset);
            }
            return new Digest(Hex(hash.GetHashAndReset()), offset);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads until the buffer is full or the file ends.</summary>
    private static int Fill(SafeFileHandle handle, byte[] buffer, long offset)
    {
        var filled = 0;
        while (filled < BufferSize)
        {
            var read = RandomAccess.Read(handle, buffer.AsSpan(filled, BufferSize - filled), offset + filled);
            if (read == 0)
                break;
            filled += read;
        }
        return filled;
    }
}
