using System.Net;
using System.Net.Sockets;

namespace BuildGraph.Cli.Tests.Build;

/// <summary>Build commands see neither the network nor the host's files: only what was staged.</summary>
[Trait("Category", "Integration")]
public sealed class IsolationTests
{
    private static string Probe(string commands) => $$"""
        kind: manual

        build-depends:
        - base.bst

        config:
          install-commands:
          - mkdir -p "%{install-root}"
        {{commands}}
        """;

    [BuildFact]
    public void Build_CommandConnectsToHostLoopbackListener_CannotConnect()
    {
        using var project = BusyboxBase.Copy("build-isolation");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        // The listener is reachable from the host, so a failure inside can only be the sandbox's doing.
        using (var client = new TcpClient())
        {
            client.Connect(IPAddress.Loopback, port);
            listener.AcceptTcpClient().Dispose();
        }
        project.Write("elements/net.bst", Probe($$"""
              - if nc -w 2 127.0.0.1 {{port}} </dev/null; then echo connected; else echo no-connection; fi > "%{install-root}/net"
            """));

        project.Run("build", "net.bst").AssertSuccess();

        Assert.Equal("no-connection\n", File.ReadAllText(Path.Combine(project.CheckoutBuilt("net.bst"), "net")));
        Assert.False(listener.Pending());
    }

    [BuildFact]
    public void Build_CommandNeedsHostLoopbackListener_Fails()
    {
        using var project = BusyboxBase.Copy("build-isolation");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        project.Write("elements/net.bst", Probe($$"""
              - nc -w 2 127.0.0.1 {{port}} </dev/null
            """));

        var result = project.Run("build", "net.bst");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Equal(["net.bst"], result.Elements("FAILURE"));
        Assert.Equal("buildable", project.StateOf("net.bst"));
        Assert.False(listener.Pending());
    }

    [BuildFact]
    public void Build_CommandCatsHostFile_Fails()
    {
        using var project = BusyboxBase.Copy("build-isolation");
        var secret = project.NewDirectory("outside");
        Directory.CreateDirectory(secret);
        secret = Path.Combine(secret, "secret.txt");
        File.WriteAllText(secret, "host secret\n");
        project.Write("elements/peek.bst", Probe($$"""
              - cat "{{secret}}" > "%{install-root}/stolen"
            """));

        var result = project.Run("build", "peek.bst");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains($"cat \"{secret}\"", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("buildable", project.StateOf("peek.bst"));
    }

    [BuildFact]
    public void Build_CommandListsRootAndHostPaths_SeesOnlyStagedContent()
    {
        using var project = BusyboxBase.Copy("build-isolation");
        var secret = Path.Combine(project.NewDirectory("outside"), "secret.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(secret)!);
        File.WriteAllText(secret, "host secret\n");
        // Host paths outside /tmp too: the sandbox has its own empty /tmp.
        var hostPaths = new[] { secret, project.Directory, Path.Combine(AppContext.BaseDirectory, "bgx.dll"), "/etc/passwd", "/usr/bin/bwrap" };
        project.Write("elements/look.bst", Probe($$"""
              - ls -A / > "%{install-root}/root"
              - ls -A /tmp > "%{install-root}/tmp"
              - for p in {{string.Join(' ', hostPaths.Select(p => $"'{p}'"))}}; do if [ -e "$p" ]; then echo "visible $p"; fi; done > "%{install-root}/visible"
            """));

        project.Run("build", "look.bst").AssertSuccess();

        var checkout = project.CheckoutBuilt("look.bst");
        // base.bst's /bin, the build and install roots, and the sandbox's own /dev, /proc and /tmp.
        Assert.Equal(["bin", "buildstream", "buildstream-install", "dev", "proc", "tmp"],
            File.ReadAllLines(Path.Combine(checkout, "root")));
        Assert.Equal("", File.ReadAllText(Path.Combine(checkout, "tmp")));
        Assert.Equal("", File.ReadAllText(Path.Combine(checkout, "visible")));
    }
}
