using BuildGraph.Abstractions;
using Digest = BuildGraph.Abstractions.Digest;
using BuildGraph.Protos.Reapi;
using BuildGraph.Grpc;
using BuildGraph.Server.Storage;
using BuildGraph.Yaml;
using Google.Protobuf;

namespace BuildGraph.Server.Services;

/// <summary>ContentAddressableStorage: FindMissingBlobs, BatchUpdateBlobs, BatchReadBlobs, GetTree (paged).</summary>
internal sealed class CasService(ServerStore store, PushPolicy push)
{
    /// <summary>Below the 4 MiB message limit, with room for per-blob overhead.</summary>
    public const long MaxBatchTotalSize = 4 * 1024 * 1024 - 64 * 1024;

    /// <summary>GetTree responses stay well below the message limit.</summary>
    private const long MaxTreePageBytes = 2 * 1024 * 1024;

    public Task<FindMissingBlobsResponse> FindMissingBlobsAsync(FindMissingBlobsRequest request, ServerCallContext context)
    {
        CapabilitiesService.CheckDigestFunction(request.DigestFunction);
        var response = new FindMissingBlobsResponse();
        foreach (var message in request.BlobDigests)
        {
            var digest = StoreErrors.RequireDigest(message, "blob");
            if (!store.Contains(digest))
                response.MissingBlobDigests.Add(message);
        }
        return Task.FromResult(response);
    }

    public async Task<BatchUpdateBlobsResponse> BatchUpdateBlobsAsync(BatchUpdateBlobsRequest request, ServerCallContext context)
    {
        push.CheckPush(context);
        CapabilitiesService.CheckDigestFunction(request.DigestFunction);
        var response = new BatchUpdateBlobsResponse();
        foreach (var item in request.Requests)
        {
            response.Responses.Add(new BatchUpdateBlobsResponse.Types.Response
            {
                Digest = item.Digest,
                Status = await UpdateOneAsync(item, context.CancellationToken).ConfigureAwait(false),
            });
        }
        return response;
    }

    public async Task<BatchReadBlobsResponse> BatchReadBlobsAsync(BatchReadBlobsRequest request, ServerCallContext context)
    {
        CapabilitiesService.CheckDigestFunction(request.DigestFunction);
        var digests = request.Digests.Select(d => StoreErrors.RequireDigest(d, "blob")).ToList();
        var total = digests.Sum(d => d.SizeBytes);
        if (total > MaxBatchTotalSize)
            throw new RpcException(StatusCode.InvalidArgument, $"Batch of {total} bytes is over the limit of {MaxBatchTotalSize}: use ByteStream");
        var response = new BatchReadBlobsResponse();
        for (var i = 0; i < digests.Count; i++)
        {
            var item = new BatchReadBlobsResponse.Types.Response { Digest = request.Digests[i] };
            try
            {
                var bytes = await store.TryReadBytesAsync(digests[i], context.CancellationToken).ConfigureAwait(false);
                item.Status = bytes is null ? RpcStatuses.Of(StatusCode.NotFound, $"Blob {digests[i]} not found") : RpcStatuses.Ok;
                if (bytes is not null)
                    item.Data = UnsafeByteOperations.UnsafeWrap(bytes);
            }
            catch (CasException e)
            {
                item.Status = RpcStatuses.Of(StatusCode.NotFound, e.Message);
            }
            response.Responses.Add(item);
        }
        return response;
    }

    /// <summary>
    /// The tree's directories breadth first. With page_size, one page per call and a next_page_token
    /// (the number of directories already sent); without, every directory in as many responses as it
    /// takes. Directories missing below the root are left out, as REAPI allows.
    /// </summary>
    public async Task GetTreeAsync(GetTreeRequest request, IServerStreamWriter<GetTreeResponse> writer, ServerCallContext context)
    {
        CapabilitiesService.CheckDigestFunction(request.DigestFunction);
        var root = StoreErrors.RequireDigest(request.RootDigest, "root");
        var skip = 0;
        if (request.PageToken.Length > 0 && (!int.TryParse(request.PageToken, out skip) || skip < 0))
            throw new RpcException(StatusCode.InvalidArgument, $"Invalid page token '{request.PageToken}'");
        var paged = request.PageSize > 0;
        var queue = new Queue<Digest>([root]);
        var seen = new HashSet<Digest> { root };
        var index = 0;
        var page = new GetTreeResponse();
        long pageBytes = 0;
        while (queue.Count > 0)
        {
            var digest = queue.Dequeue();
            Protos.Reapi.Directory directory;
            try
            {
                directory = await store.Trees.GetDirectoryAsync(digest, context.CancellationToken).ConfigureAwait(false);
            }
            catch (CasException e) when (e.Reason is ErrorReason.BlobNotFound or ErrorReason.CorruptBlob)
            {
                if (digest == root)
                    throw new RpcException(StatusCode.NotFound, $"Root directory {root} not found");
                continue;
            }
            catch (CasException e)
            {
                throw StoreErrors.ToRpc(e);
            }
            foreach (var child in directory.Directories)
            {
                if (DigestMessages.TryToDigest(child.Digest, out var d) && seen.Add(d))
                    queue.Enqueue(d);
            }
            if (index++ < skip)
                continue;
            var size = directory.CalculateSize();
            var full = page.Directories.Count > 0 && (pageBytes + size > MaxTreePageBytes || paged && page.Directories.Count >= request.PageSize);
            if (full)
            {
                if (paged)
                {
                    page.NextPageToken = (index - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await writer.WriteAsync(page).ConfigureAwait(false);
                    return;
                }
                await writer.WriteAsync(page).ConfigureAwait(false);
                (page, pageBytes) = (new GetTreeResponse(), 0);
            }
            page.Directories.Add(directory);
            pageBytes += size;
        }
        await writer.WriteAsync(page).ConfigureAwait(false);
    }

    private async Task<Protos.Rpc.Status> UpdateOneAsync(BatchUpdateBlobsRequest.Types.Request item, CancellationToken cancellationToken)
    {
        if (!DigestMessages.TryToDigest(item.Digest, out var digest))
            return RpcStatuses.Of(StatusCode.InvalidArgument, $"Invalid digest '{item.Digest?.Hash}/{item.Digest?.SizeBytes}'");
        if (item.Compressor != Compressor.Types.Value.Identity)
            return RpcStatuses.Of(StatusCode.InvalidArgument, $"Unsupported compressor {item.Compressor}");
        try
        {
            await store.PutBytesAsync(digest, item.Data.Memory, cancellationToken).ConfigureAwait(false);
            return RpcStatuses.Ok;
        }
        catch (Exception e) when (e is CasException or QuotaExceededException)
        {
            var rpc = StoreErrors.ToRpc(e);
            return RpcStatuses.Of(rpc.Status, rpc.Detail);
        }
    }
}
