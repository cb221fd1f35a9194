using System.Buffers;
using System.Security.Cryptography;
using BuildGraph.Abstractions;
using BuildGraph.Cas;
using BuildGraph.Protos.ByteStream;
using BuildGraph.Protos.Reapi;
using BuildGraph.Grpc;
using BuildGraph.Grpc.Services;
using BuildGraph.Yaml;
using Google.Protobuf;
using Digest = BuildGraph.Abstractions.Digest;

namespace BuildGraph.Remote;

/// <summary>
/// A REAPI CAS client: FindMissingBlobs, BatchUpdateBlobs/BatchReadBlobs for small blobs and
/// ByteStream for large ones, with bounded parallelism. Everything read is checked against its digest
/// before anyone sees it. Thread-safe. Failures are <see cref="RemoteException"/> (Domain Remote;
/// Reason BlobNotFound for a blob the server lacks, DigestMismatch for corrupt data, RemoteError
/// otherwise, with <see cref="RemoteException.Status"/>); cancellation passes through.
/// </summary>
public sealed class CasClient(IRpcChannel channel, CasClientOptions? options = null) : ICasStore
{
    private const int FindMissingChunk = 4096;
    private readonly CasClientOptions _options = options ?? new CasClientOptions();
    private readonly SemaphoreSlim _limitLock = new(1, 1);
    private long? _batchLimit;

    public string InstanceName => _options.InstanceName;

    public async Task<ServerCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken) =>
        await CallAsync(CapabilitiesMethods.GetCapabilities, new GetCapabilitiesRequest { InstanceName = InstanceName },
            "GetCapabilities", cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<Digest>> FindMissingAsync(IEnumerable<Digest> digests, CancellationToken cancellationToken)
    {
        var chunks = digests.Distinct().Where(d => d != Digest.Empty).Chunk(FindMissingChunk).ToList();
        var missing = new List<Digest>[chunks.Count];
        await ForEachAsync(Enumerable.Range(0, chunks.Count), async (i, ct) =>
        {
            var request = new FindMissingBlobsRequest { InstanceName = InstanceName };
            request.BlobDigests.AddRange(chunks[i].Select(d => d.ToProto()));
            var response = await CallAsync(CasMethods.FindMissingBlobs, request, "FindMissingBlobs", ct).ConfigureAwait(false);
            missing[i] = response.MissingBlobDigests.Select(d => RequireDigest(d)).ToList();
        }, cancellationToken).ConfigureAwait(false);
        return missing.SelectMany(m => m).ToList();
    }

    /// <summary>Uploads the blobs among <paramref name="digests"/> that the server lacks, from <paramref name="source"/>.</summary>
    /// <returns>How many blobs were sent.</returns>
    /// <exception cref="CasException">BlobNotFound or CorruptBlob: a blob is not (intact) in the local CAS.</exception>
    public async Task<int> UploadAsync(LocalCas source, IEnumerable<Digest> digests, CancellationToken cancellationToken)
    {
        var missing = await FindMissingAsync(digests, cancellationToken).ConfigureAwait(false);
        var plan = BlobPlan.Create(missing, await BatchLimitAsync(cancellationToken).ConfigureAwait(false));
        var work = plan.Large.Select(d => (Func<CancellationToken, Task>)(ct => UploadLargeAsync(source, d, ct)))
            .Concat(plan.Batches.Select(b => (Func<CancellationToken, Task>)(ct => UploadBatchAsync(source, b, ct))));
        await ForEachAsync(work, (item, ct) => WithRetriesAsync(item, ct), cancellationToken).ConfigureAwait(false);
        return missing.Count;
    }

    /// <summary>Downloads the blobs among <paramref name="digests"/> that <paramref name="target"/> lacks, verified.</summary>
    /// <returns>How many blobs were fetched.</returns>
    public async Task<int> DownloadAsync(LocalCas target, IEnumerable<Digest> digests, CancellationToken cancellationToken)
    {
        var needed = digests.Distinct().Where(d => !target.Contains(d)).ToList();
        var plan = BlobPlan.Create(needed, await BatchLimitAsync(cancellationToken).ConfigureAwait(false));
        var work = plan.Large.Select(d => (Func<CancellationToken, Task>)(ct => DownloadLargeAsync(target, d, ct)))
            .Concat(plan.Batches.Select(b => (Func<CancellationToken, Task>)(ct => DownloadBatchAsync(target, b, ct))));
        await ForEachAsync(work, (item, ct) => WithRetriesAsync(item, ct), cancellationToken).ConfigureAwait(false);
        return needed.Count;
    }

    /// <summary>Uploads a whole directory tree (its Directory messages and files) that is in <paramref name="source"/>.</summary>
    public async Task<int> UploadTreeAsync(DirectoryTree source, Digest root, CancellationToken cancellationToken)
    {
        var digests = new List<Digest> { root };
        await foreach (var entry in source.ListAsync(root, cancellationToken).ConfigureAwait(false))
        {
            if (entry.Digest is { } d)
                digests.Add(d);
        }
        return await UploadAsync(source.Cas, digests, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Downloads a whole directory tree into <paramref name="target"/>, level by level with batch reads
    /// (so it works with servers without GetTree), then its files.
    /// </summary>
    public async Task<int> DownloadTreeAsync(DirectoryTree target, Digest root, CancellationToken cancellationToken)
    {
        var fetched = 0;
        var files = new HashSet<Digest>();
        var seen = new HashSet<Digest> { root };
        var level = new List<Digest> { root };
        while (level.Count > 0)
        {
            fetched += await DownloadAsync(target.Cas, level, cancellationToken).ConfigureAwait(false);
            var next = new List<Digest>();
            foreach (var digest in level)
            {
                var directory = await target.GetDirectoryAsync(digest, cancellationToken).ConfigureAwait(false);
                files.UnionWith(directory.Files.Select(f => RequireDigest(f.Digest)));
                next.AddRange(directory.Directories.Select(d => RequireDigest(d.Digest)).Where(seen.Add));
            }
            level = next;
        }
        return fetched + await DownloadAsync(target.Cas, files, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>The stream checks the digest as it is read; a corrupt blob fails at its end.</remarks>
    public async Task<Stream?> OpenReadAsync(Digest digest, CancellationToken cancellationToken)
    {
        if (digest == Digest.Empty)
            return new MemoryStream([], writable: false);
        var responses = channel.ServerStreamingAsync(ByteStreamMethods.Read, new ReadRequest { ResourceName = BlobName(digest) },
            new CallOptions { CancellationToken = cancellationToken }).GetAsyncEnumerator(cancellationToken);
        try
        {
            // The first message (or the error) shows whether the blob exists.
            var first = await responses.MoveNextAsync().ConfigureAwait(false) ? responses.Current : null;
            return new ByteStreamReadStream(responses, digest, first, ended: first is null);
        }
        catch (RpcException e) when (e.Status == StatusCode.NotFound)
        {
            await responses.DisposeAsync().ConfigureAwait(false);
            return null;
        }
        catch (RpcException e)
        {
            await responses.DisposeAsync().ConfigureAwait(false);
            throw RemoteException.From(e, $"Reading blob {digest}");
        }
    }

    /// <summary>Reads a whole blob (verified), or null when the server does not hold it.</summary>
    public async Task<byte[]?> TryReadBytesAsync(Digest digest, CancellationToken cancellationToken)
    {
        await using var stream = await OpenReadAsync(digest, cancellationToken).ConfigureAwait(false);
        if (stream is null)
            return null;
        using var buffer = new MemoryStream((int)Math.Min(digest.SizeBytes, int.MaxValue));
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <inheritdoc />
    public async Task PutAsync(Digest digest, Stream content, CancellationToken cancellationToken)
    {
        if (digest == Digest.Empty)
            return;
        if (digest.SizeBytes + BlobPlan.PerBlobOverhead <= await BatchLimitAsync(cancellationToken).ConfigureAwait(false))
        {
            using var buffer = new MemoryStream((int)digest.SizeBytes);
            await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            var bytes = buffer.ToArray();
            CheckContent(digest, Digest.Of(bytes));
            await UpdateBatchAsync([(digest, bytes)], cancellationToken).ConfigureAwait(false);
            return;
        }
        await WriteAsync(digest, content, sourceVerifies: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores bytes and returns their digest.</summary>
    public async Task<Digest> PutBytesAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var digest = Digest.Of(content.Span);
        await PutAsync(digest, new MemoryStream(content.ToArray(), writable: false), cancellationToken).ConfigureAwait(false);
        return digest;
    }

    private async Task UploadBatchAsync(LocalCas source, IReadOnlyList<Digest> batch, CancellationToken cancellationToken)
    {
        var blobs = new List<(Digest, byte[])>(batch.Count);
        foreach (var digest in batch)
        {
            var bytes = await source.TryReadBytesAsync(digest, cancellationToken).ConfigureAwait(false)
                ?? throw new CasException(ErrorReason.BlobNotFound, $"Blob {digest} is not in the local CAS");
            blobs.Add((digest, bytes));
        }
        await UpdateBatchAsync(blobs, cancellationToken).ConfigureAwait(false);
    }

    private async Task UpdateBatchAsync(IReadOnlyList<(Digest Digest, byte[] Bytes)> blobs, CancellationToken cancellationToken)
    {
        var request = new BatchUpdateBlobsRequest { InstanceName = InstanceName };
        foreach (var (digest, bytes) in blobs)
            request.Requests.Add(new BatchUpdateBlobsRequest.Types.Request { Digest = digest.ToProto(), Data = UnsafeByteOperations.UnsafeWrap(bytes) });
        var response = await CallAsync(CasMethods.BatchUpdateBlobs, request, "BatchUpdateBlobs", cancellationToken).ConfigureAwait(false);
        foreach (var item in response.Responses)
        {
            var code = RpcStatuses.CodeOf(item.Status);
            if (code != StatusCode.OK)
            {
                throw new RemoteException(ErrorReason.RemoteError, code, $"Uploading blob {item.Digest?.Hash}/{item.Digest?.SizeBytes} failed: {code}",
                    item.Status.Message);
            }
        }
    }

    private async Task UploadLargeAsync(LocalCas source, Digest digest, CancellationToken cancellationToken)
    {
        var stream = await source.OpenReadAsync(digest, cancellationToken).ConfigureAwait(false)
            ?? throw new CasException(ErrorReason.BlobNotFound, $"Blob {digest} is not in the local CAS");
        // The local CAS's stream checks the digest at its end, before the last chunk goes out.
        await using (stream.ConfigureAwait(false))
            await WriteAsync(digest, stream, sourceVerifies: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task DownloadBatchAsync(LocalCas target, IReadOnlyList<Digest> batch, CancellationToken cancellationToken)
    {
        var request = new BatchReadBlobsRequest { InstanceName = InstanceName };
        request.Digests.AddRange(batch.Select(d => d.ToProto()));
        var response = await CallAsync(CasMethods.BatchReadBlobs, request, "BatchReadBlobs", cancellationToken).ConfigureAwait(false);
        foreach (var item in response.Responses)
        {
            var digest = RequireDigest(item.Digest);
            var code = RpcStatuses.CodeOf(item.Status);
            if (code == StatusCode.NotFound)
                throw new RemoteException(ErrorReason.BlobNotFound, code, $"Blob {digest} is not on the remote", item.Status.Message);
            if (code != StatusCode.OK)
                throw new RemoteException(ErrorReason.RemoteError, code, $"Reading blob {digest} failed: {code}", item.Status.Message);
            try
            {
                await target.PutBytesAsync(item.Data.Memory, digest, cancellationToken).ConfigureAwait(false);
            }
            catch (CasException e) when (e.Reason == ErrorReason.DigestMismatch)
            {
                throw new RemoteException(ErrorReason.DigestMismatch, StatusCode.DataLoss, $"Blob {digest} does not match its content", e.Detail, e);
            }
        }
        if (batch.FirstOrDefault(d => !target.Contains(d)) is { Hash: not null } absent)
            throw new RemoteException(ErrorReason.BlobNotFound, StatusCode.NotFound, $"The remote did not send blob {absent}");
    }

    /// <summary>Streams a blob into the local CAS, hashing each message as it is written (one pass).</summary>
    private async Task DownloadLargeAsync(LocalCas target, Digest digest, CancellationToken cancellationToken)
    {
        await using var writer = target.CreateBlobWriter(digest);
        try
        {
            var responses = channel.ServerStreamingAsync(ByteStreamMethods.Read, new ReadRequest { ResourceName = BlobName(digest) },
                new CallOptions { CancellationToken = cancellationToken });
            await foreach (var response in responses.ConfigureAwait(false))
                await writer.WriteAsync(response.Data.Memory).ConfigureAwait(false);
            await writer.CommitAsync().ConfigureAwait(false);
        }
        catch (RpcException e) when (e.Status == StatusCode.NotFound)
        {
            throw new RemoteException(ErrorReason.BlobNotFound, StatusCode.NotFound, $"Blob {digest} is not on the remote");
        }
        catch (RpcException e)
        {
            throw RemoteException.From(e, $"Reading blob {digest}");
        }
        catch (CasException e) when (e.Reason == ErrorReason.DigestMismatch)
        {
            throw new RemoteException(ErrorReason.DigestMismatch, StatusCode.DataLoss, $"Remote blob {digest} arrived corrupt", e.Detail, e);
        }
    }

    /// <summary>
    /// ByteStream.Write in chunks, hashing as it goes (unless the source checks itself): the last chunk
    /// (with finish_write) is sent only when the content matched the digest, so a bad source never
    /// completes an upload.
    /// </summary>
    private async Task WriteAsync(Digest digest, Stream content, bool sourceVerifies, CancellationToken cancellationToken)
    {
        var name = ResourcePrefix + $"uploads/{Guid.NewGuid()}/blobs/{digest.Hash}/{digest.SizeBytes}";
        var chunk = _options.ChunkSize;
        var current = ArrayPool<byte>.Shared.Rent(chunk);
        var next = ArrayPool<byte>.Shared.Rent(chunk);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            await using var call = channel.ClientStreaming(ByteStreamMethods.Write, new CallOptions { CancellationToken = cancellationToken });
            long offset = 0;
            var length = await FillAsync(content, current, chunk, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                // The next chunk is read (and, from the local CAS, hashed) while this one is sent.
                var last = offset + length >= digest.SizeBytes;
                var nextFill = last ? EnsureEndAsync(content, next, cancellationToken) : FillAsync(content, next, chunk, cancellationToken);
                if (!sourceVerifies)
                    hash.AppendData(current, 0, length);
                if (last)
                {
                    await nextFill.ConfigureAwait(false); // a source that verifies itself checks here
                    if (!sourceVerifies)
                        CheckContent(digest, new Digest(Convert.ToHexStringLower(hash.GetHashAndReset()), offset + length));
                }
                var request = new WriteRequest
                {
                    ResourceName = offset == 0 ? name : "",
                    WriteOffset = offset,
                    Data = UnsafeByteOperations.UnsafeWrap(current.AsMemory(0, length)),
                    FinishWrite = last,
                };
                bool accepted;
                try
                {
                    accepted = await call.WriteAsync(request).ConfigureAwait(false);
                }
                finally
                {
                    // Never hand the buffers back to the pool while a read still fills one.
                    await ((Task)nextFill).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
                var nextLength = await nextFill.ConfigureAwait(false);
                if (!accepted || last)
                    break; // not accepted: the server already holds the blob
                if (nextLength == 0)
                    CheckContent(digest, new Digest(Convert.ToHexStringLower(hash.GetHashAndReset()), offset + length)); // short source
                offset += length;
                (current, next, length) = (next, current, nextLength);
            }
            var response = await call.CompleteAsync().ConfigureAwait(false);
            if (response.CommittedSize != digest.SizeBytes)
            {
                throw new RemoteException(ErrorReason.RemoteError, StatusCode.DataLoss,
                    $"Uploading blob {digest}: the server committed {response.CommittedSize} bytes");
            }
        }
        catch (RpcException e)
        {
            throw RemoteException.From(e, $"Uploading blob {digest}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(next);
        }
    }

    /// <summary>Reads past the promised end: nothing may follow (and a verifying source checks its digest).</summary>
    private static async Task<int> EnsureEndAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var extra = await stream.ReadAsync(buffer.AsMemory(0, 1), cancellationToken).ConfigureAwait(false);
        return extra == 0 ? 0 : throw new RemoteException(ErrorReason.DigestMismatch, StatusCode.DataLoss,
            "The content to upload is longer than its digest says", "Nothing was completed on the server.");
    }

    private static async Task<int> FillAsync(Stream stream, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        var filled = 0;
        int read;
        while (filled < count && (read = await stream.ReadAsync(buffer.AsMemory(filled, count - filled), cancellationToken).ConfigureAwait(false)) > 0)
            filled += read;
        return filled;
    }

    /// <summary>The batch limit: ours, lowered to the server's (1 MiB when it does not say).</summary>
    private async Task<long> BatchLimitAsync(CancellationToken cancellationToken)
    {
        if (_batchLimit is { } known)
            return known;
        await _limitLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_batchLimit is null)
            {
                long server;
                try
                {
                    server = (await GetCapabilitiesAsync(cancellationToken).ConfigureAwait(false)).CacheCapabilities?.MaxBatchTotalSizeBytes ?? 0;
                }
                catch (RemoteException e) when (e.Status == StatusCode.Unimplemented)
                {
                    server = _options.FallbackBatchTotalSize;
                }
                _batchLimit = server > 0 ? Math.Min(server, _options.MaxBatchTotalSize) : _options.MaxBatchTotalSize;
            }
            return _batchLimit.Value;
        }
        finally
        {
            _limitLock.Release();
        }
    }

    private string ResourcePrefix => InstanceName.Length > 0 ? InstanceName + "/" : "";

    private string BlobName(Digest digest) => ResourcePrefix + $"blobs/{digest.Hash}/{digest.SizeBytes}";

    private async Task<TResponse> CallAsync<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method, TRequest request, string what,
        CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        try
        {
            return await channel.UnaryAsync(method, request,
                new CallOptions { Timeout = _options.CallTimeout, CancellationToken = cancellationToken }).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw RemoteException.From(e, what);
        }
    }

    private Task ForEachAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, Task> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
            async (item, ct) => await body(item, ct).ConfigureAwait(false));

    /// <summary>Transient failures (UNAVAILABLE, DEADLINE_EXCEEDED, …) are retried with backoff; the work must be idempotent.</summary>
    private async Task WithRetriesAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await work(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RemoteException e) when (e.IsTransient && attempt < _options.RetryAttempts)
            {
                await Task.Delay(_options.RetryDelay * (1 << (attempt - 1)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void CheckContent(Digest expected, Digest actual)
    {
        if (actual != expected)
        {
            throw new RemoteException(ErrorReason.DigestMismatch, StatusCode.DataLoss, $"Blob {expected} does not match its content",
                $"The content hashes to {actual}.");
        }
    }

    private static Digest RequireDigest(Protos.Reapi.Digest? message) =>
        message.TryToDigest(out var digest)
            ? digest
            : throw new RemoteException(ErrorReason.RemoteError, StatusCode.Internal, $"The remote sent an invalid digest '{message?.Hash}/{message?.SizeBytes}'");
}
