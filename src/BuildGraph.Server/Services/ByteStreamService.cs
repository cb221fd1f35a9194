using System.Buffers;
using BuildGraph.Protos.ByteStream;
using BuildGraph.Grpc;
using BuildGraph.Server.Storage;
using Google.Protobuf;

namespace BuildGraph.Server.Services;

/// <summary>ByteStream over the CAS: Read with offset and limit, resumable Write, QueryWriteStatus.</summary>
internal sealed class ByteStreamService(ServerStore store, PushPolicy push)
{
    /// <summary>1 MiB per message: big enough for throughput, far below the 4 MiB limit.</summary>
    private const int ChunkSize = 1024 * 1024;

    public async Task ReadAsync(ReadRequest request, IServerStreamWriter<ReadResponse> writer, ServerCallContext context)
    {
        var resource = BlobResource.ParseRead(request.ResourceName);
        var size = resource.Digest.SizeBytes;
        if (request.ReadOffset < 0 || request.ReadOffset > size)
            throw new RpcException(StatusCode.OutOfRange, $"read_offset {request.ReadOffset} is outside blob {resource.Digest}");
        if (request.ReadLimit < 0)
            throw new RpcException(StatusCode.InvalidArgument, $"Negative read_limit {request.ReadLimit}");
        Stream? stream;
        try
        {
            stream = await store.OpenReadAsync(resource.Digest, context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is BuildGraph.Abstractions.CasException)
        {
            throw new RpcException(StatusCode.NotFound, e.Message);
        }
        if (stream is null)
            throw new RpcException(StatusCode.NotFound, $"Blob {resource.Digest} not found");
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            await using (stream.ConfigureAwait(false))
            {
                await SkipAsync(stream, request.ReadOffset, buffer, context.CancellationToken).ConfigureAwait(false);
                var toEnd = request.ReadLimit == 0 || request.ReadOffset + request.ReadLimit >= size;
                var remaining = toEnd ? long.MaxValue : request.ReadLimit;
                while (remaining > 0)
                {
                    // Reading to the end lets the stream check the digest (a corrupt blob fails here).
                    var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(ChunkSize, remaining)), context.CancellationToken)
                        .ConfigureAwait(false);
                    if (read == 0)
                        break;
                    remaining -= read;
                    // The message is serialized before WriteAsync returns, so the buffer can be reused.
                    await writer.WriteAsync(new ReadResponse { Data = UnsafeByteOperations.UnsafeWrap(buffer.AsMemory(0, read)) })
                        .ConfigureAwait(false);
                }
            }
        }
        catch (BuildGraph.Abstractions.CasException e)
        {
            throw new RpcException(StatusCode.DataLoss, e.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<WriteResponse> WriteAsync(IAsyncEnumerable<WriteRequest> requests, ServerCallContext context)
    {
        push.CheckPush(context);
        var token = context.CancellationToken;
        UploadSession? session = null;
        BlobResource? resource = null;
        try
        {
            await foreach (var request in requests.ConfigureAwait(false))
            {
                if (resource is null)
                {
                    resource = BlobResource.ParseWrite(request.ResourceName);
                    // Already stored: complete at once (the client stops sending).
                    if (store.Contains(resource.Digest))
                        return new WriteResponse { CommittedSize = resource.Digest.SizeBytes };
                    session = UploadSession.Open(store, resource, request.WriteOffset);
                }
                else if (request.ResourceName.Length > 0 && request.ResourceName != BlobResourceName(resource, request.ResourceName))
                {
                    throw new RpcException(StatusCode.InvalidArgument, "resource_name changed within one Write");
                }
                if (request.WriteOffset != session!.Committed)
                    throw new RpcException(StatusCode.InvalidArgument, $"write_offset {request.WriteOffset} but {session.Committed} bytes are committed");
                await session.AppendAsync(request.Data.Memory).ConfigureAwait(false);
                if (request.FinishWrite)
                {
                    try
                    {
                        await session.FinishAsync(store, token).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not RpcException and not OperationCanceledException)
                    {
                        throw StoreErrors.ToRpc(e);
                    }
                    return new WriteResponse { CommittedSize = resource.Digest.SizeBytes };
                }
            }
            if (session is null)
                throw new RpcException(StatusCode.InvalidArgument, "Write without any request");
            // Ended without finish_write: the bytes so far stay for a resumed Write.
            return new WriteResponse { CommittedSize = session.Committed };
        }
        finally
        {
            if (session is not null)
                await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    public Task<QueryWriteStatusResponse> QueryWriteStatusAsync(QueryWriteStatusRequest request, ServerCallContext context)
    {
        var resource = BlobResource.ParseWrite(request.ResourceName);
        if (store.Contains(resource.Digest))
            return Task.FromResult(new QueryWriteStatusResponse { CommittedSize = resource.Digest.SizeBytes, Complete = true });
        var path = UploadSession.PathFor(store.UploadsDirectory, resource);
        var committed = File.Exists(path) ? new FileInfo(path).Length : 0;
        return Task.FromResult(new QueryWriteStatusResponse { CommittedSize = committed });
    }

    /// <summary>Later requests may repeat the resource name; it must name the same upload.</summary>
    private static string BlobResourceName(BlobResource first, string name) =>
        BlobResource.ParseWrite(name) == first ? name : "";

    private static async Task SkipAsync(Stream stream, long count, byte[] buffer, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
                return;
            count -= read;
        }
    }
}
