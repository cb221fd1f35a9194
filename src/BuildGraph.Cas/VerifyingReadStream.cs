using System.Security.Cryptography;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Cas;

/// <summary>
/// Reads an object file and hashes what passes through; at the end of the content it checks the
/// digest and throws <see cref="CasException"/> (CorruptBlob) instead of reporting a clean end.
/// A reader that stops early gets no check.
/// </summary>
internal sealed class VerifyingReadStream(Stream inner, Digest expected, Action onCorrupt) : ForwardReadStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _checked;

    public override long Length => expected.SizeBytes;

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        return Account(buffer[..read]);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Account(buffer.Span[..read]);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }

    private int Account(ReadOnlySpan<byte> data)
    {
        BytesRead += data.Length;
        if (data.Length > 0)
        {
            _hash.AppendData(data);
            if (BytesRead <= expected.SizeBytes)
                return data.Length;
        }
        if (!_checked)
        {
            _checked = true;
            var actual = new Digest(BlobHasher.Hex(_hash.GetHashAndReset()), BytesRead);
            if (actual != expected)
            {
                onCorrupt();
                throw new CasException(ErrorReason.CorruptBlob, $"Object {expected} in the local CAS is corrupt",
                    $"Its content hashes to {actual}. The object was removed; fetch or build it again.");
            }
        }
        return data.Length;
    }
}
