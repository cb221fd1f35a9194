using System.Net;
using System.Security.Cryptography.X509Certificates;
using BuildGraph.Grpc;
using BuildGraph.Grpc.Services;
using BuildGraph.Server.Services;
using BuildGraph.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BuildGraph.Server;

/// <summary>
/// The artifact server on the Generic Host (Kestrel): Capabilities, CAS, ByteStream, ActionCache and
/// Remote Asset over one <see cref="ServerStore"/>. Start, read <see cref="Address"/>, stop.
/// </summary>
public sealed class ArtifactServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ArtifactServer(WebApplication app, ServerStore store)
    {
        _app = app;
        Store = store;
    }

    internal ServerStore Store { get; }

    /// <summary>The bound address (<c>http://ip:port</c> or <c>https://ip:port</c>), once started.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Completes when the host shuts down (SIGTERM, Ctrl+C, or <see cref="StopAsync"/>).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <summary>Checks the options, opens the store and starts listening.</summary>
    /// <exception cref="ArgumentException">Unusable options (a TLS key without a certificate, a missing file).</exception>
    public static async Task<ArtifactServer> StartAsync(ArtifactServerOptions options, Action<ILoggingBuilder>? logging = null,
        CancellationToken cancellationToken = default)
    {
        var certificate = LoadCertificate(options);
        var clientRoots = options.ClientCaFile is null ? null : LoadCaFile(options.ClientCaFile);
        if (clientRoots is not null && certificate is null)
            throw new ArgumentException("--client-ca needs --tls-cert and --tls-key");
        var tokens = options.TokenFile is null ? [] : PushPolicy.ReadTokenFile(options.TokenFile);
        var store = new ServerStore(options.Directory, options.QuotaBytes);
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);

        // Empty: no appsettings files, so no recursive file watcher on the working directory (an idle
        // server started in /tmp spent 3-4% of a core on the files other processes wrote there).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(new PushPolicy(options.EnablePush, tokens, clientRoots is not null));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            GrpcKestrel.ConfigureLimits(kestrel);
            GrpcKestrel.Listen(kestrel, new IPEndPoint(options.Bind, options.Port), certificate, clientRoots);
        });
        var app = builder.Build();
        MapServices(app, store, app.Services.GetRequiredService<PushPolicy>());
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var server = new ArtifactServer(app, store)
        {
            Address = new UriBuilder(bound) { Scheme = certificate is null ? "http" : "https", Host = options.Bind.ToString() }.Uri,
        };
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("BuildGraph.Server");
        Log.Started(logger, server.Address.ToString(), store.Root, DescribePush(options, tokens.Count), store.BlobCount, store.UsedBytes,
            options.QuotaBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
        return server;
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static void MapServices(IEndpointRouteBuilder endpoints, ServerStore store, PushPolicy push)
    {
        var capabilities = new CapabilitiesService(push);
        endpoints.MapUnary(CapabilitiesMethods.GetCapabilities, capabilities.GetCapabilitiesAsync);
        var cas = new CasService(store, push);
        endpoints.MapUnary(CasMethods.FindMissingBlobs, cas.FindMissingBlobsAsync);
        endpoints.MapUnary(CasMethods.BatchUpdateBlobs, cas.BatchUpdateBlobsAsync);
        endpoints.MapUnary(CasMethods.BatchReadBlobs, cas.BatchReadBlobsAsync);
        endpoints.MapServerStreaming(CasMethods.GetTree, cas.GetTreeAsync);
        var byteStream = new ByteStreamService(store, push);
        endpoints.MapServerStreaming(ByteStreamMethods.Read, byteStream.ReadAsync);
        endpoints.MapClientStreaming(ByteStreamMethods.Write, byteStream.WriteAsync);
        endpoints.MapUnary(ByteStreamMethods.QueryWriteStatus, byteStream.QueryWriteStatusAsync);
        var actionCache = new ActionCacheService(store, push);
        endpoints.MapUnary(ActionCacheMethods.GetActionResult, actionCache.GetActionResultAsync);
        endpoints.MapUnary(ActionCacheMethods.UpdateActionResult, actionCache.UpdateActionResultAsync);
        var asset = new AssetService(store, push);
        endpoints.MapUnary(AssetMethods.FetchBlob, asset.FetchBlobAsync);
        endpoints.MapUnary(AssetMethods.FetchDirectory, asset.FetchDirectoryAsync);
        endpoints.MapUnary(AssetMethods.PushBlob, asset.PushBlobAsync);
        endpoints.MapUnary(AssetMethods.PushDirectory, asset.PushDirectoryAsync);
        endpoints.MapUnimplementedFallback();
    }

    private static X509Certificate2? LoadCertificate(ArtifactServerOptions options)
    {
        if (options.TlsCertificateFile is null && options.TlsKeyFile is null)
            return null;
        if (options.TlsCertificateFile is null || options.TlsKeyFile is null)
            throw new ArgumentException("--tls-cert and --tls-key go together");
        return X509Certificate2.CreateFromPemFile(options.TlsCertificateFile, options.TlsKeyFile);
    }

    private static X509Certificate2Collection LoadCaFile(string path)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(path);
        if (roots.Count == 0)
            throw new ArgumentException($"No certificate in {path}");
        return roots;
    }

    private static string DescribePush(ArtifactServerOptions options, int tokens) =>
        !options.EnablePush ? "disabled"
        : tokens == 0 && options.ClientCaFile is null ? "open to all"
        : $"needs {(tokens > 0 ? $"one of {tokens} tokens" : "")}{(tokens > 0 && options.ClientCaFile is not null ? " or " : "")}{(options.ClientCaFile is not null ? "a client certificate" : "")}";
}
