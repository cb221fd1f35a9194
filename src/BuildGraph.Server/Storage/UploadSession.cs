using System.Security.Cryptography;
using System.Text;
using BuildGraph.Abstractions;
using BuildGraph.Remote.Grpc;
using BuildGraph.Server.Services;

namespace BuildGraph.Server.Storage;

/// <summary>
/// One ByteStream upload in progress: the bytes committed so far live in <c>uploads/</c> under a name
/// derived from the resource name, so a broken Write can resume at <see cref="Committed"/>. Content is
/// hashed as it arrives and checked against the digest before it enters the CAS. Not thread-safe.
/// </summary>
internal sealed class UploadSession : IAsyncDisposable
{
    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
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
    public static async Task<UploadSession> OpenAsync(string uploadsDirectory, BlobResource resource, long offset,
        CancellationToken cancellationToken)
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
        var session = new UploadSession(path, file, resource.Digest);
        if (offset > 0)
            await session.HashExistingAsync(cancellationToken).ConfigureAwait(false);
        return session;
    }

    /// <exception cref="RpcException">INVALID_ARGUMENT: more bytes than the digest's size.</exception>
    public async Task AppendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (Committed + data.Length > _digest.SizeBytes)
            throw new RpcException(StatusCode.InvalidArgument, $"Received more than the {_digest.SizeBytes} bytes of {_digest}");
        _hash.AppendData(data.Span);
        await _file.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        Committed += data.Length;
    }

    /// <summary>Checks size and hash, then moves the upload into the store. A mismatch deletes it.</summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT: wrong size or content; nothing was stored.</exception>
    public async Task FinishAsync(ServerStore store, CancellationToken cancellationToken)
    {
        await _file.DisposeAsync().ConfigureAwait(false);
        var actual = Convert.ToHexStringLower(_hash.GetHashAndReset());
        if (Committed != _digest.SizeBytes || actual != _digest.Hash)
        {
            File.Delete(Path);
            throw new RpcException(StatusCode.InvalidArgument,
                $"Uploaded content ({actual}/{Committed}) does not match digest {_digest}; nothing was stored");
        }
        await store.PutUploadAsync(_digest, Path, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync().ConfigureAwait(false);
        _hash.Dispose();
    }

    private async Task HashExistingAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[1024 * 1024];
        int read;
        while ((read = await _file.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            _hash.AppendData(buffer, 0, read);
    }
}
