namespace BuildGraph.Remote.Tests.Interop;

/// <summary>Where the interop peers live: scripts in the repository, npm packages where tests/interop/setup.sh put them.</summary>
internal static class InteropPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Scripts => Path.Combine(RepoRoot, "tests", "interop");

    /// <summary>$BGX_INTEROP_HOME, else ${XDG_CACHE_HOME:-$HOME/.cache}/bgx-interop (as setup.sh).</summary>
    public static string Home =>
        Environment.GetEnvironmentVariable("BGX_INTEROP_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache
                ? cache
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "bgx-interop");

    public static string GrpcJsModules => Path.Combine(Home, "grpc-js", "node_modules");

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BuildGraph.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("BuildGraph.sln not found above " + AppContext.BaseDirectory);
    }
}
