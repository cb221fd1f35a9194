using System.Security.Cryptography;
using BuildGraph.Abstractions;
using BuildGraph.Protos.ByteStream;
using BuildGraph.Grpc;
using BuildGraph.Yaml;

namespace BuildGraph.Remote;

/// <summary>
/// A blob read through ByteStream.Read as a forward-only stream. It hashes what passes through and,
/// at the end, throws <see cref="RemoteException"/> (DigestMismatch) instead of a clean end when the
/// content does not match the digest. Asynchronous reads only.
/// </summary>
internal sealed class ByteStreamReadStream(IAsyncEnumerator<ReadResponse> responses, Digest digest, ReadResponse? first, bool ended)
    : ForwardReadStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private ReadOnlyMemory<byte> _pending = first?.Data.Memory ?? ReadOnlyMemory<byte>.Empty;
    private bool _ended;
    private bool _exhausted = ended;

    public override long Length => digest.SizeBytes;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_pending.IsEmpty && !_ended)
        {
            bool more;
            try
            {
                more = !_exhausted && await responses.MoveNextAsync().ConfigureAwait(false);
            }
            catch (RpcException e)
            {
                throw RemoteException.From(e, $"Reading blob {digest}");
            }
            if (more)
                _pending = responses.Current.Data.Memory;
            else
                End();
        }
        if (_pending.IsEmpty || buffer.IsEmpty)
            return 0;
        var count = Math.Min(buffer.Length, _pending.Length);
        _pending[..count].CopyTo(buffer);
        _hash.AppendData(_pending.Span[..count]);
        _pending = _pending[count..];
        BytesRead += count;
        return count;
    }

    public override int Read(Span<byte> buffer) => throw new NotSupportedException("Read remote blobs asynchronously");

    public override async ValueTask DisposeAsync()
    {
        await responses.DisposeAsync().ConfigureAwait(false);
        _hash.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            responses.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }

    private void End()
    {
        _ended = true;
        var actual = new Digest(Convert.ToHexStringLower(_hash.GetHashAndReset()), BytesRead);
        if (actual != digest)
        {
            throw new RemoteException(ErrorReason.DigestMismatch, StatusCode.DataLoss, $"Remote blob {digest} arrived corrupt",
                $"The bytes received hash to {actual}.");
        }
    }
}
