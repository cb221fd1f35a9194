namespace BuildGraph.Sandbox.Tests;

/// <summary>
/// A tiny sandbox root in a fresh temporary directory: a static busybox in /bin with symlinks for the
/// applets tests use. <see cref="Outside"/> is a sibling directory that the sandbox must not see.
/// Everything is deleted on <see cref="Dispose"/>.
/// </summary>
internal sealed class TestRoot : IDisposable
{
    public const string Busybox = "/bin/busybox";

    private static readonly string[] Applets =
    [
        "sh", "echo", "cat", "ls", "env", "id", "nc", "wget", "touch", "mkdir", "test", "sleep", "pwd",
        "printf", "kill", "true", "false", "hostname",
    ];

    private readonly string _base;

    public TestRoot()
    {
        _base = Path.Combine(Path.GetTempPath(), "bgx-sandbox-tests", Guid.NewGuid().ToString("N"));
        RootDirectory = Path.Combine(_base, "root");
        Outside = Path.Combine(_base, "outside");
        Directory.CreateDirectory(Path.Combine(RootDirectory, "bin"));
        Directory.CreateDirectory(Outside);
        File.Copy(Busybox, Path.Combine(RootDirectory, "bin", "busybox"));
        foreach (var applet in Applets)
            File.CreateSymbolicLink(Path.Combine(RootDirectory, "bin", applet), "busybox");
    }

    /// <summary>The host directory that is / in the sandbox.</summary>
    public string RootDirectory { get; }

    /// <summary>A host directory next to the root, invisible from the sandbox.</summary>
    public string Outside { get; }

    public string HostPath(string sandboxPath) => Path.Combine(RootDirectory, sandboxPath.TrimStart('/'));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_base, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
