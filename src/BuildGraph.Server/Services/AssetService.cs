using System.Text;
using BuildGraph.Abstractions;
using BuildGraph.Protos.Asset;
using BuildGraph.Grpc;
using BuildGraph.Server.Storage;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace BuildGraph.Server.Services;

/// <summary>
/// Remote Asset Fetch and Push over the index: a URI with its exact set of qualifiers maps to a blob
/// or a directory tree, per instance name. A request without URIs is INVALID_ARGUMENT (BuildStream
/// probes the services with exactly that). A miss is a NOT_FOUND status inside an OK response.
/// </summary>
internal sealed class AssetService(ServerStore store, PushPolicy push)
{
    private const string BlobKind = "asset-blob";
    private const string DirectoryKind = "asset-dir";

    public async Task<FetchBlobResponse> FetchBlobAsync(FetchBlobRequest request, ServerCallContext context)
    {
        RequireUris(request.Uris);
        CapabilitiesService.CheckDigestFunction(request.DigestFunction);
        foreach (var uri in request.Uris)
        {
            var key = Key(request.InstanceName, uri, request.Qualifiers);
            if (await FindAsync(BlobKind, key, request.OldestContentAccepted, context.CancellationToken).ConfigureAwait(false) is not { } payload)
                continue;
            var pushed = PushBlobRequest.Parser.ParseFrom(payload);
            return new FetchBlobResponse
            {
                Status = RpcStatuses.Ok, Uri = uri, Qualifiers = { request.Qualifiers }, BlobDigest = pushed.BlobDigest,
                ExpiresAt = pushed.ExpireAt,
            };
        }
        return new FetchBlobResponse { Status = RpcStatuses.Of(StatusCode.NotFound, "No blob for the given URIs and qualifiers") };
    }

    public async Task<FetchDirectoryResponse> FetchDirectoryAsync(FetchDirectoryRequest request, ServerCallContext context)
    {
        RequireUris(request.Uris);
        CapabilitiesService.CheckDigestFunction(request.DigestFunction);
        foreach (var uri in request.Uris)
        {
            var key = Key(request.InstanceName, uri, request.Qualifiers);
            if (await FindAsync(DirectoryKind, key, request.OldestContentAccepted, context.CancellationToken).ConfigureAwait(false) is not { } payload)
                continue;
            var pushed = PushDirectoryRequest.Parser.ParseFrom(payload);
            return new FetchDirectoryResponse
            {
                Status = RpcStatuses.Ok, Uri = uri, Qualifiers = { request.Qualifiers }, RootDirectoryDigest = pushed.RootDirectoryDigest,
                ExpiresAt = pushed.ExpireAt,
            };
        }
        return new FetchDirectoryResponse { Status = RpcStatuses.Of(StatusCode.NotFound, "No directory for the given URIs and qualifiers") };
    }

    public async Task<PushBlobResponse> PushBlobAsync(PushBlobRequest request, ServerCallContext context)
    {
        push.CheckPush(context);
        RequireUris(request.Uris);
        CapabilitiesService.CheckDigestFunction(request.DigestFunction);
        var blob = StoreErrors.RequireDigest(request.BlobDigest, "blob");
        await RecordAsync(BlobKind, request.InstanceName, request.Uris, request.Qualifiers, [blob],
            request.ReferencesBlobs, request.ReferencesDirectories, WithoutInstance(request), context.CancellationToken).ConfigureAwait(false);
        return new PushBlobResponse();
    }

    public async Task<PushDirectoryResponse> PushDirectoryAsync(PushDirectoryRequest request, ServerCallContext context)
    {
        push.CheckPush(context);
        RequireUris(request.Uris);
        CapabilitiesService.CheckDigestFunction(request.DigestFunction);
        StoreErrors.RequireDigest(request.RootDirectoryDigest, "root directory");
        var directories = request.ReferencesDirectories.Append(request.RootDirectoryDigest);
        await RecordAsync(DirectoryKind, request.InstanceName, request.Uris, request.Qualifiers, [],
            request.ReferencesBlobs, directories, WithoutInstance(request), context.CancellationToken).ConfigureAwait(false);
        return new PushDirectoryResponse();
    }

    private async Task RecordAsync(string kind, string instance, RepeatedField<string> uris, RepeatedField<Qualifier> qualifiers,
        List<Digest> blobs, IEnumerable<Protos.Reapi.Digest> referencedBlobs, IEnumerable<Protos.Reapi.Digest> referencedDirectories,
        byte[] payload, CancellationToken cancellationToken)
    {
        blobs.AddRange(referencedBlobs.Select(d => StoreErrors.RequireDigest(d, "referenced blob")));
        var roots = referencedDirectories.Select(d => StoreErrors.RequireDigest(d, "referenced directory")).ToList();
        try
        {
            blobs.AddRange(await TreeWalker.CollectAsync(store.Trees, roots, cancellationToken).ConfigureAwait(false));
            foreach (var uri in uris)
                await store.PutEntryAsync(kind, Key(instance, uri, qualifiers), blobs, payload, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not RpcException and not OperationCanceledException)
        {
            throw StoreErrors.ToRpc(e);
        }
    }

    private async Task<byte[]?> FindAsync(string kind, string key, Google.Protobuf.WellKnownTypes.Timestamp? oldestAccepted,
        CancellationToken cancellationToken)
    {
        var entry = await store.TryGetEntryAsync(kind, key, cancellationToken).ConfigureAwait(false);
        if (entry is null)
            return null;
        if (oldestAccepted is not null && store.EntryTime(kind, key) is { } pushedAt && pushedAt < oldestAccepted.ToDateTime())
            return null;
        var expireAt = kind == BlobKind
            ? PushBlobRequest.Parser.ParseFrom(entry.Payload).ExpireAt
            : PushDirectoryRequest.Parser.ParseFrom(entry.Payload).ExpireAt;
        return expireAt is not null && expireAt.ToDateTime() < DateTime.UtcNow ? null : entry.Payload;
    }

    private static void RequireUris(RepeatedField<string> uris)
    {
        if (uris.Count == 0 || uris.Any(string.IsNullOrEmpty))
            throw new RpcException(StatusCode.InvalidArgument, "At least one URI is required");
    }

    /// <summary>The index key: instance, URI and the qualifiers as a set (sorted), each on its own line.</summary>
    private static string Key(string instance, string uri, IEnumerable<Qualifier> qualifiers)
    {
        var key = new StringBuilder().Append(instance).Append('\n').Append(uri).Append('\n');
        foreach (var q in qualifiers.OrderBy(q => q.Name, StringComparer.Ordinal).ThenBy(q => q.Value, StringComparer.Ordinal))
            key.Append(q.Name).Append('=').Append(q.Value).Append('\n');
        return key.ToString();
    }

    private static byte[] WithoutInstance<T>(T request)
        where T : IMessage<T>, IDeepCloneable<T>
    {
        var copy = request.Clone();
        copy.Descriptor.FindFieldByName("instance_name").Accessor.SetValue(copy, "");
        return copy.ToByteArray();
    }
}
