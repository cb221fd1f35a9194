using System.Net;
using System.Net.Sockets;
using static BuildGraph.Sandbox.Tests.SandboxRun;

namespace BuildGraph.Sandbox.Tests;

[Trait("Category", "Integration")]
public sealed class BwrapSandboxIsolationTests : IDisposable
{
    private readonly TestRoot _root = new();

    public void Dispose() => _root.Dispose();

    [BwrapFact]
    public async Task RunAsync_NoNetwork_HostLoopbackListenerUnreachable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var (result, _) = await RunAsync(Script(_root, $"echo hi | nc -w 2 127.0.0.1 {port}"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.False(listener.Pending());
    }

    [BwrapFact]
    public async Task RunAsync_NoNetwork_OnlyLoopbackInterface()
    {
        var (_, log) = await RunAsync(Script(_root, "cat /proc/net/dev"));

        // Two header lines, then one line per interface.
        var interfaces = Lines(log).Skip(2).Select(line => line.Split(':')[0].Trim());
        Assert.Equal(["lo"], interfaces);
    }

    [BwrapFact]
    public async Task RunAsync_Network_HostLoopbackListenerReachable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var received = ReceiveLineAsync(listener);

        var (result, log) = await RunAsync(Script(_root, $"echo hi | nc -w 5 127.0.0.1 {port}") with { Network = true });

        Assert.True(result.ExitCode == 0, log);
        Assert.Equal("hi", await received.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [BwrapFact]
    public async Task RunAsync_HostFileOutsideRoot_NotReadable()
    {
        var secret = Path.Combine(_root.Outside, "secret.txt");
        await File.WriteAllTextAsync(secret, "host secret");

        var (result, log) = await RunAsync(Script(_root, $"cat {secret} /etc/hostname"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("host secret", log);
    }

    [BwrapFact]
    public async Task RunAsync_ListRoot_OnlyRootContentAndMounts()
    {
        Directory.CreateDirectory(_root.HostPath("/usr"));

        var (_, log) = await RunAsync(Script(_root, "ls -a /"));

        Assert.Equal([".", "..", "bin", "dev", "proc", "tmp", "usr"], Lines(log).Order(StringComparer.Ordinal));
    }

    [BwrapFact]
    public async Task RunAsync_MountPointsCreatedForTheRun_RemovedAfter()
    {
        await RunAsync(Script(_root, "true"));

        Assert.Equal(["bin"], Directory.GetFileSystemEntries(_root.RootDirectory).Select(Path.GetFileName));
    }

    [BwrapFact]
    public async Task RunAsync_RootReadOnly_WriteToRootFails()
    {
        var (result, _) = await RunAsync(Script(_root, "touch /file"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.False(File.Exists(_root.HostPath("/file")));
    }

    [BwrapFact]
    public async Task RunAsync_RootReadOnly_WritableDirectoryWriteLandsOnHost()
    {
        var command = Script(_root, "echo built > /buildstream-install/out.txt; mkdir -p /build/x; touch /build/x/y")
            with { WritableDirectories = ["/buildstream-install", "/build"] };

        var (result, log) = await RunAsync(command);

        Assert.True(result.ExitCode == 0, log);
        Assert.Equal("built\n", await File.ReadAllTextAsync(_root.HostPath("/buildstream-install/out.txt")));
        Assert.True(File.Exists(_root.HostPath("/build/x/y")));
    }

    [BwrapFact]
    public async Task RunAsync_RootReadOnly_TmpWritableButDiscarded()
    {
        var (result, _) = await RunAsync(Script(_root, "echo x > /tmp/scratch; cat /tmp/scratch"));

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(_root.HostPath("/tmp/scratch")));
    }

    [BwrapFact]
    public async Task RunAsync_RootWritable_WriteLandsOnHost()
    {
        var (result, _) = await RunAsync(Script(_root, "mkdir /etc; echo x > /etc/made") with { RootReadOnly = false });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("x\n", await File.ReadAllTextAsync(_root.HostPath("/etc/made")));
    }

    [BwrapFact]
    public async Task RunAsync_WritableDirectoryThroughAbsoluteSymlink_StaysInRoot()
    {
        // An artifact's absolute symlink must resolve inside the root, never to the host's directory.
        File.CreateSymbolicLink(_root.HostPath("/outbox"), _root.Outside);
        var command = Script(_root, "touch /outbox/made") with { WritableDirectories = ["/outbox"] };

        var (result, log) = await RunAsync(command);

        Assert.True(result.ExitCode == 0, log);
        Assert.Empty(Directory.GetFileSystemEntries(_root.Outside));
        Assert.True(File.Exists(_root.HostPath(_root.Outside + "/made")));
    }

    private static async Task<string?> ReceiveLineAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        using var reader = new StreamReader(client.GetStream());
        return await reader.ReadLineAsync();
    }
}
