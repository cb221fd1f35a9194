using System.Security.Cryptography;
using System.Text;
using BuildGraph.Abstractions;
using BuildGraph.Grpc;
using BuildGraph.Cas;
using BuildGraph.Server.Services;

namespace BuildGraph.Server.Storage;

/// <summary>
/// One ByteStream upload in progress: the bytes committed so far live in <c>uploads/</c> under a name
/// derived from the resource name, so a broken Write can resume at <see cref="Committed"/>. Bytes are
/// hashed as they arrive (a resumed upload hashes its earlier bytes once when it opens), so finishing
/// checks the digest without reading the file again. Not thread-safe.
/// </summary>
internal sealed class UploadSession : IAsyncDisposable
{
    private readonly BlobWriter _writer;

    private UploadSession(BlobWriter writer) => _writer = writer;

    public long Committed => _writer.Written;

    /// <summary>The file that holds an upload's committed bytes.</summary>
    public static string PathFor(string uploadsDirectory, BlobResource resource)
    {
        var key = $"{resource.Instance}\n{resource.UploadId}\n{resource.Digest}";
        return System.IO.Path.Combine(uploadsDirectory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))));
    }

    /// <summary>Starts (offset 0) or resumes (offset = committed bytes) an upload.</summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT: the offset is neither 0 nor the committed size.</exception>
    public static UploadSession Open(ServerStore store, BlobResource resource, long offset)
    {
        var path = PathFor(store.UploadsDirectory, resource);
        var existing = File.Exists(path) ? new FileInfo(path).Length : 0;
        if (offset != 0 && offset != existing)
            throw new RpcException(StatusCode.InvalidArgument, $"write_offset {offset} does not match the {existing} bytes committed");
        Directory.CreateDirectory(store.UploadsDirectory);
        if (offset == 0)
            File.Delete(path);
        return new UploadSession(store.Cas.ResumeBlobWriter(path, resource.Digest));
    }

    /// <summary>Writes and hashes the next bytes (the upload is checked against its digest as it arrives).</summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT: more bytes than the digest's size.</exception>
    public async ValueTask AppendAsync(ReadOnlyMemory<byte> data)
    {
        if (Committed + data.Length > _writer.Expected.SizeBytes)
            throw new RpcException(StatusCode.InvalidArgument, $"Received more than the {_writer.Expected.SizeBytes} bytes of {_writer.Expected}");
        await _writer.WriteAsync(data).ConfigureAwait(false);
    }

    /// <summary>Checks size and hash, then moves the upload into the store. A mismatch deletes it.</summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT: wrong size or content; nothing was stored.</exception>
    public async Task FinishAsync(ServerStore store, CancellationToken cancellationToken)
    {
        var digest = _writer.Expected;
        if (Committed != digest.SizeBytes)
        {
            await _writer.DiscardAsync().ConfigureAwait(false);
            throw new RpcException(StatusCode.InvalidArgument, $"Upload ended at {Committed} bytes; digest {digest} has {digest.SizeBytes}");
        }
        try
        {
            await store.PutUploadAsync(_writer, cancellationToken).ConfigureAwait(false);
        }
        catch (BuildGraph.Abstractions.CasException e) when (e.Reason == BuildGraph.Yaml.ErrorReason.DigestMismatch)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"Uploaded content does not match digest {digest}; nothing was stored");
        }
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
