using BuildGraph.Cli.Tests.Build;

namespace BuildGraph.Cli.Tests.Remote;

/// <summary>What the remote cache tests do to a fixture project: point it at remotes, start afresh, compare checkouts.</summary>
internal static class RemoteProject
{
    /// <summary>Appends a project.conf <c>artifacts</c> (or <c>source-caches</c>) list with one remote.</summary>
    public static void AddRemote(this TestProject project, string url, bool push, string section = "artifacts", string extra = "")
    {
        var conf = Path.Combine(project.Directory, "project.conf");
        File.AppendAllText(conf, $"\n{section}:\n- url: {url}\n  push: {(push ? "true" : "false")}\n{extra}");
    }

    /// <summary>Empties the cache directory: the next run starts with nothing cached, as on a new machine.</summary>
    public static void ForgetCache(this TestProject project)
    {
        if (Directory.Exists(project.CacheDirectory))
        {
            foreach (var directory in new DirectoryInfo(project.CacheDirectory).EnumerateDirectories("*", SearchOption.AllDirectories))
            {
                if (directory.LinkTarget is null)
                    directory.UnixFileMode |= UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            }
            Directory.Delete(project.CacheDirectory, recursive: true);
        }
        Directory.CreateDirectory(project.CacheDirectory);
    }

    /// <summary><c>project/normal-name/key</c> of an element, as <c>bgx show</c> computes its key.</summary>
    public static string ArtifactName(this TestProject project, string projectName, string element)
    {
        var key = project.Run("show", "--deps", "none", "--format", "%{full-key}", element).AssertSuccess().Stdout.Trim();
        return $"{projectName}/{element[..^4].Replace('/', '-')}/{key}";
    }

    /// <summary>Asserts two checkouts hold the same entries with the same bytes, modes and link targets.</summary>
    public static void AssertIdenticalTrees(string expected, string actual)
    {
        var paths = BuildRuns.ListTree(expected);
        Assert.Equal(paths, BuildRuns.ListTree(actual));
        foreach (var path in paths)
        {
            var a = new FileInfo(Path.Combine(expected, path));
            var b = new FileInfo(Path.Combine(actual, path));
            Assert.Equal(a.LinkTarget, b.LinkTarget);
            if (a.LinkTarget is not null || Directory.Exists(a.FullName))
                continue;
            Assert.Equal(a.UnixFileMode, b.UnixFileMode);
            Assert.True(File.ReadAllBytes(a.FullName).AsSpan().SequenceEqual(File.ReadAllBytes(b.FullName)), $"{path} differs");
        }
    }

    /// <summary>A port nothing listens on (bound, then released).</summary>
    public static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
