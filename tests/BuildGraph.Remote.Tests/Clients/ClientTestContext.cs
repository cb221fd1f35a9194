using BuildGraph.Cas;
using BuildGraph.Grpc;
using BuildGraph.Server;

namespace BuildGraph.Remote.Tests.Clients;

/// <summary>Our artifact server on loopback, a channel to it, and two local stores (a pusher and a puller).</summary>
public sealed class ClientTestContext : IAsyncDisposable
{
    private ClientTestContext(string root, ArtifactServer server)
    {
        Root = root;
        Server = server;
        Channel = new HttpRpcChannel(new RpcChannelOptions { Address = server.Address });
        Source = new DirectoryTree(new LocalCas(Path.Combine(root, "source")));
        Target = new DirectoryTree(new LocalCas(Path.Combine(root, "target")));
    }

    public string Root { get; }
    public ArtifactServer Server { get; }
    public HttpRpcChannel Channel { get; }
    public DirectoryTree Source { get; }
    public DirectoryTree Target { get; }

    public static async Task<ClientTestContext> StartAsync(bool enablePush = true)
    {
        var root = Path.Combine(Path.GetTempPath(), "bgx-remote-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var server = await ArtifactServer.StartAsync(new ArtifactServerOptions
        {
            Port = 0, Directory = Path.Combine(root, "server"), EnablePush = enablePush,
        });
        return new ClientTestContext(root, server);
    }

    public CasClient CasClient(string instance = "") => new(Channel, new CasClientOptions { InstanceName = instance });

    /// <summary>Writes files under a fresh host directory: path → content.</summary>
    public string WriteTree(string name, IReadOnlyDictionary<string, byte[]> files)
    {
        var directory = Path.Combine(Root, name);
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, content);
        }
        return directory;
    }

    public static byte[] RandomBytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
