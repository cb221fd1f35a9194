using System.Security.Cryptography;
using System.Text;
using BuildGraph.Abstractions;
using BuildGraph.Remote.Grpc;
using BuildGraph.Server.Services;

namespace BuildGraph.Server.Storage;

/// <summary>
/// One ByteStream upload in progress: the bytes committed so far live in <c>uploads/</c> under a name
/// derived from the resource name, so a broken Write can resume at <see cref="Committed"/>. The CAS
/// checks the content against the digest when the upload finishes. Not thread-safe.
/// </summary>
internal sealed class UploadSession : IAsyncDisposable
{
    private readonly FileStream _file;
    private readonly Digest _digest;

    private UploadSession(string path, FileStream file, Digest digest)
    {
        Path = path;
        _file = file;
        _digest = digest;
        Committed = file.Length;
    }

    public string Path { get; }
    public long Committed { get; private set; }

    /// <summary>The file that holds an upload's committed bytes.</summary>
    public static string PathFor(string uploadsDirectory, BlobResource resource)
    {
        var key = $"{resource.Instance}\n{resource.UploadId}\n{resource.Digest}";
        return System.IO.Path.Combine(uploadsDirectory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))));
    }

    /// <summary>Starts (offset 0) or resumes (offset = committed bytes) an upload.</summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT: the offset is neither 0 nor the committed size.</exception>
    public static UploadSession Open(string uploadsDirectory, BlobResource resource, long offset)
    {
        var path = PathFor(uploadsDirectory, resource);
        var existing = File.Exists(path) ? new FileInfo(path).Length : 0;
        if (offset != 0 && offset != existing)
            throw new RpcException(StatusCode.InvalidArgument, $"write_offset {offset} does not match the {existing} bytes committed");
        Directory.CreateDirectory(uploadsDirectory);
        var options = new FileStreamOptions
        {
            Mode = offset == 0 ? FileMode.Create : FileMode.Open,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = 0,
            Options = FileOptions.Asynchronous,
        };
        if (offset == 0)
        {
            // 0644: the CAS takes such files over by hard link.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }
        var file = new FileStream(path, options);
        file.Seek(0, SeekOrigin.End);
        return new UploadSession(path, file, resource.Digest);
    }

    /// <exception cref="RpcException">INVALID_ARGUMENT: more bytes than the digest's size.</exception>
    public async Task AppendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (Committed + data.Length > _digest.SizeBytes)
            throw new RpcException(StatusCode.InvalidArgument, $"Received more than the {_digest.SizeBytes} bytes of {_digest}");
        await _file.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        Committed += data.Length;
    }

    /// <summary>Checks size and hash, then moves the upload into the store. A mismatch deletes it.</summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT: wrong size or content; nothing was stored.</exception>
    public async Task FinishAsync(ServerStore store, CancellationToken cancellationToken)
    {
        await _file.DisposeAsync().ConfigureAwait(false);
        if (Committed != _digest.SizeBytes)
        {
            File.Delete(Path);
            throw new RpcException(StatusCode.InvalidArgument, $"Upload ended at {Committed} bytes; digest {_digest} has {_digest.SizeBytes}");
        }
        try
        {
            await store.PutUploadAsync(_digest, Path, cancellationToken).ConfigureAwait(false);
        }
        catch (BuildGraph.Abstractions.CasException e) when (e.Reason == BuildGraph.Yaml.ErrorReason.DigestMismatch)
        {
            File.Delete(Path);
            throw new RpcException(StatusCode.InvalidArgument, $"Uploaded content does not match digest {_digest}; nothing was stored");
        }
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
