using BuildGraph.Abstractions;
using BuildGraph.Protos.Asset;
using BuildGraph.Grpc;
using BuildGraph.Grpc.Services;
using BuildGraph.Yaml;
using Google.Protobuf;

namespace BuildGraph.Remote;

/// <summary>
/// Remote Asset client (Fetch and Push of blobs and directories by URI), as BuildStream 2 uses it for
/// artifacts and sources. A miss is null, not an error. Thread-safe. Failures are
/// <see cref="RemoteException"/>; cancellation passes through.
/// </summary>
public sealed class AssetClient(IRpcChannel channel, string instanceName = "", TimeSpan? callTimeout = null)
{
    private readonly TimeSpan _timeout = callTimeout ?? TimeSpan.FromMinutes(2);

    public string InstanceName => instanceName;

    /// <summary>BuildStream 2's artifact URN: <c>urn:fdc:buildstream.build:2020:artifact:{project}/{normal-name}/{key}</c>.</summary>
    public static string ArtifactUrn(string project, string normalName, string key) =>
        $"urn:fdc:buildstream.build:2020:artifact:{project}/{normalName}/{key}";

    /// <summary>BuildStream's normal name of an element: its path with '/' as '-' and without the .bst suffix.</summary>
    public static string NormalName(string elementName)
    {
        var name = elementName.Replace('/', '-');
        return name.EndsWith(".bst", StringComparison.Ordinal) ? name[..^4] : name;
    }

    /// <summary>The blob pushed for any of <paramref name="uris"/> (with exactly these qualifiers), or null.</summary>
    public async Task<Digest?> FetchBlobAsync(IReadOnlyList<string> uris, CancellationToken cancellationToken,
        IReadOnlyList<Qualifier>? qualifiers = null)
    {
        var request = new FetchBlobRequest { InstanceName = instanceName, Uris = { uris } };
        request.Qualifiers.AddRange(qualifiers ?? []);
        var response = await CallAsync(AssetMethods.FetchBlob, request, cancellationToken).ConfigureAwait(false);
        return Result(response.Status, response.BlobDigest, "FetchBlob");
    }

    /// <summary>The directory tree pushed for any of <paramref name="uris"/>, or null.</summary>
    public async Task<Digest?> FetchDirectoryAsync(IReadOnlyList<string> uris, CancellationToken cancellationToken,
        IReadOnlyList<Qualifier>? qualifiers = null)
    {
        var request = new FetchDirectoryRequest { InstanceName = instanceName, Uris = { uris } };
        request.Qualifiers.AddRange(qualifiers ?? []);
        var response = await CallAsync(AssetMethods.FetchDirectory, request, cancellationToken).ConfigureAwait(false);
        return Result(response.Status, response.RootDirectoryDigest, "FetchDirectory");
    }

    /// <summary>
    /// Maps <paramref name="uris"/> to <paramref name="blob"/>. Upload the blob and everything it
    /// references first: the server refuses (FAILED_PRECONDITION) records naming missing blobs.
    /// </summary>
    public Task PushBlobAsync(IReadOnlyList<string> uris, Digest blob, IEnumerable<Digest> referencedBlobs,
        IEnumerable<Digest> referencedDirectories, CancellationToken cancellationToken, IReadOnlyList<Qualifier>? qualifiers = null)
    {
        var request = new PushBlobRequest { InstanceName = instanceName, Uris = { uris }, BlobDigest = blob.ToProto() };
        request.ReferencesBlobs.AddRange(referencedBlobs.Select(d => d.ToProto()));
        request.ReferencesDirectories.AddRange(referencedDirectories.Select(d => d.ToProto()));
        request.Qualifiers.AddRange(qualifiers ?? []);
        return CallAsync(AssetMethods.PushBlob, request, cancellationToken);
    }

    /// <summary>Maps <paramref name="uris"/> to the directory tree <paramref name="root"/> (uploaded first).</summary>
    public Task PushDirectoryAsync(IReadOnlyList<string> uris, Digest root, IEnumerable<Digest> referencedBlobs,
        IEnumerable<Digest> referencedDirectories, CancellationToken cancellationToken, IReadOnlyList<Qualifier>? qualifiers = null)
    {
        var request = new PushDirectoryRequest { InstanceName = instanceName, Uris = { uris }, RootDirectoryDigest = root.ToProto() };
        request.ReferencesBlobs.AddRange(referencedBlobs.Select(d => d.ToProto()));
        request.ReferencesDirectories.AddRange(referencedDirectories.Select(d => d.ToProto()));
        request.Qualifiers.AddRange(qualifiers ?? []);
        return CallAsync(AssetMethods.PushDirectory, request, cancellationToken);
    }

    private static Digest? Result(Protos.Rpc.Status? status, Protos.Reapi.Digest? digest, string what)
    {
        var code = RpcStatuses.CodeOf(status);
        if (code == StatusCode.NotFound)
            return null;
        if (code != StatusCode.OK)
            throw new RemoteException(ErrorReason.RemoteError, code, $"{what} failed: {code}", status?.Message);
        return digest.TryToDigest(out var result)
            ? result
            : throw new RemoteException(ErrorReason.RemoteError, StatusCode.Internal, $"{what}: the remote sent no valid digest");
    }

    private async Task<TResponse> CallAsync<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method, TRequest request,
        CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        try
        {
            return await channel.UnaryAsync(method, request, new CallOptions { Timeout = _timeout, CancellationToken = cancellationToken })
                .ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw RemoteException.From(e, method.Name);
        }
    }
}
