using System.Security.Cryptography.X509Certificates;
using BuildGraph.Remote;
using BuildGraph.Grpc;
using BuildGraph.Server;

namespace BuildGraph.Cli.Tests.Remote;

/// <summary>
/// bgx's artifact server, in-process on 127.0.0.1 with a port of the OS's choosing and a directory of
/// its own (removed on dispose), and a Remote Asset client to see what it holds.
/// </summary>
internal sealed class RemoteServer : IAsyncDisposable
{
    private readonly ArtifactServer _server;
    private readonly HttpRpcChannel _channel;
    private readonly string _directory;

    private RemoteServer(ArtifactServer server, string directory, X509Certificate2Collection? trustedRoots)
    {
        _server = server;
        _directory = directory;
        _channel = new HttpRpcChannel(new RpcChannelOptions
        {
            Address = server.Address,
            TrustedRoots = trustedRoots,
        });
        Assets = new AssetClient(_channel);
    }

    public string Url => _server.Address.ToString().TrimEnd('/');

    public AssetClient Assets { get; }

    public static async Task<RemoteServer> StartAsync(bool enablePush = true, string? tokenFile = null,
        Func<ArtifactServerOptions, ArtifactServerOptions>? configure = null, X509Certificate2Collection? trustedRoots = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "bgx-cli-remote", Guid.NewGuid().ToString("N"));
        var options = new ArtifactServerOptions { Port = 0, Directory = directory, EnablePush = enablePush, TokenFile = tokenFile };
        var server = await ArtifactServer.StartAsync(configure?.Invoke(options) ?? options);
        return new RemoteServer(server, directory, trustedRoots);
    }

    /// <summary>True when the index maps the artifact URN of <c>project/normal-name/key</c>.</summary>
    public async Task<bool> HasAsync(string urn) => await Assets.FetchBlobAsync([urn], CancellationToken.None) is not null;

    public static string ArtifactUrn(string artifactName) => "urn:fdc:buildstream.build:2020:artifact:" + artifactName;

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
