namespace BuildGraph.Sandbox;

/// <summary>Finds the bubblewrap executable on the host's PATH.</summary>
internal static class BwrapLocator
{
    public const string InstallHint = "Install bubblewrap, e.g. `apt-get install bubblewrap`.";

    /// <summary>The absolute path of the first executable <c>bwrap</c> on PATH, or null.</summary>
    public static string? Find() => Find(Environment.GetEnvironmentVariable("PATH"));

    internal static string? Find(string? path)
    {
        if (string.IsNullOrEmpty(path))
            return null;
        foreach (var directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Path.IsPathRooted(directory))
                continue;
            var candidate = Path.Combine(directory, "bwrap");
            if (File.Exists(candidate) && IsExecutable(candidate))
                return candidate;
        }
        return null;
    }

    private static bool IsExecutable(string file) =>
        (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
