using System.Security.Cryptography.X509Certificates;
using BuildGraph.Abstractions;
using BuildGraph.Cas;
using BuildGraph.Engine.Remotes;
using BuildGraph.Remote;
using BuildGraph.Grpc;
using BuildGraph.Yaml;

namespace BuildGraph.Cli.Remotes;

/// <summary>
/// <see cref="IRemoteCache"/> over gRPC: <see cref="CasClient"/> for blobs and <see cref="AssetClient"/>
/// for the index, moving blobs to and from the local CAS. The spec's TLS and token settings become the
/// channel's; <c>connection-config</c> sets timeouts, retries and keep-alive.
/// </summary>
internal sealed class GrpcRemoteCache : IRemoteCache
{
    private readonly HttpRpcChannel _channel;
    private readonly CasClient _cas;
    private readonly AssetClient _assets;
    private readonly LocalCas _local;
    private readonly DirectoryTree _trees;

    private GrpcRemoteCache(RemoteSpec spec, HttpRpcChannel channel, LocalCas local)
    {
        Spec = spec;
        _channel = channel;
        _local = local;
        _trees = new DirectoryTree(local);
        var timeout = spec.RequestTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        var options = new CasClientOptions { InstanceName = spec.InstanceName };
        if (timeout is { } t)
            options = options with { CallTimeout = t };
        if (spec.RetryLimit is { } limit)
            options = options with { RetryAttempts = Math.Max(1, limit + 1) };
        if (spec.RetryDelayMilliseconds is { } delay)
            options = options with { RetryDelay = TimeSpan.FromMilliseconds(delay) };
        _cas = new CasClient(channel, options);
        _assets = new AssetClient(channel, spec.InstanceName, timeout);
    }

    public RemoteSpec Spec { get; }

    /// <summary>Builds the channel, reading the spec's certificate, key and token files.</summary>
    /// <exception cref="BgxException">A credentials file cannot be read or parsed.</exception>
    public static GrpcRemoteCache Create(RemoteSpec spec, LocalCas local)
    {
        var options = new RpcChannelOptions { Address = new Uri(spec.Url) };
        try
        {
            if (spec.ServerCert is { } serverCert)
            {
                var roots = new X509Certificate2Collection();
                roots.ImportFromPemFile(serverCert);
                options = options with { TrustedRoots = roots };
            }
            if (spec.ClientCert is { } clientCert && spec.ClientKey is { } clientKey)
                options = options with { ClientCertificate = LoadClientCertificate(clientCert, clientKey) };
            if (spec.AccessToken is { } tokenFile)
                options = options with { BearerToken = File.ReadAllText(tokenFile).Trim() };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new LoadException(ErrorReason.InvalidConfig, spec.Provenance, $"Cannot load the credentials of remote cache {spec}: {e.Message}");
        }
        if (spec.KeepAliveSeconds is { } keepAlive)
            options = options with { KeepAlivePingDelay = TimeSpan.FromSeconds(Math.Max(1, keepAlive)) };
        return new GrpcRemoteCache(spec, new HttpRpcChannel(options), local);
    }

    public async Task<(bool Index, bool Storage)> ProbeAsync(CancellationToken cancellationToken)
    {
        var storage = false;
        var index = false;
        if (Spec.HasStorage)
        {
            try
            {
                var capabilities = await _cas.GetCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
                storage = capabilities.CacheCapabilities is not null;
            }
            catch (RemoteException e) when (e.Status == StatusCode.Unimplemented)
            {
                // BuildStream 1's servers answer FindMissingBlobs without Capabilities.
                await _cas.FindMissingAsync([Digest.Of("bgx probe"u8)], cancellationToken).ConfigureAwait(false);
                storage = true;
            }
        }
        if (Spec.HasIndex)
        {
            try
            {
                // As BuildStream does: a request without URIs is INVALID_ARGUMENT where the service exists.
                await _assets.FetchBlobAsync([], cancellationToken).ConfigureAwait(false);
                index = true;
            }
            catch (RemoteException e) when (e.Status == StatusCode.InvalidArgument)
            {
                index = true;
            }
            catch (RemoteException e) when (e.Status == StatusCode.Unimplemented)
            {
                index = false;
            }
        }
        return (index, storage);
    }

    public Task<Digest?> FetchBlobAsync(IReadOnlyList<string> urns, CancellationToken cancellationToken) =>
        _assets.FetchBlobAsync(urns, cancellationToken);

    public Task PushBlobAsync(IReadOnlyList<string> urns, Digest blob, IReadOnlyList<Digest> referencedBlobs,
        IReadOnlyList<Digest> referencedDirectories, CancellationToken cancellationToken) =>
        _assets.PushBlobAsync(urns, blob, referencedBlobs, referencedDirectories, cancellationToken);

    public Task<int> UploadAsync(IReadOnlyCollection<Digest> blobs, CancellationToken cancellationToken) =>
        _cas.UploadAsync(_local, blobs, cancellationToken);

    public Task<int> UploadTreeAsync(Digest root, CancellationToken cancellationToken) =>
        _cas.UploadTreeAsync(_trees, root, cancellationToken);

    public Task<int> DownloadAsync(IReadOnlyCollection<Digest> blobs, CancellationToken cancellationToken) =>
        _cas.DownloadAsync(_local, blobs, cancellationToken);

    public Task<int> DownloadTreeAsync(Digest root, CancellationToken cancellationToken) =>
        _cas.DownloadTreeAsync(_trees, root, cancellationToken);

    public void Dispose() => _channel.Dispose();

    private static X509Certificate2 LoadClientCertificate(string certificateFile, string keyFile)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        // SslStream needs a key it can use on Linux: re-import as PKCS#12.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
