namespace BuildGraph.Engine.Building;

/// <summary>
/// A build's scratch directory under <c>&lt;cachedir&gt;/tmp</c> (same file system as the CAS, so hard links
/// work), named with the owning process id so that litter of a killed run is recognised and removed.
/// </summary>
internal sealed class ScratchDirectory : IDisposable
{
    private ScratchDirectory(string path) => Path = path;

    public string Path { get; }

    public static ScratchDirectory Create(string cacheDirectory, string purpose) =>
        CreateIn(System.IO.Path.Combine(cacheDirectory, "tmp"), purpose);

    /// <summary>A scratch directory directly under <paramref name="root"/> (the cache's tmp, or a tmpfs).</summary>
    public static ScratchDirectory CreateIn(string root, string purpose)
    {
        Directory.CreateDirectory(root);
        var path = System.IO.Path.Combine(root, $"{purpose}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return new ScratchDirectory(path);
    }

    /// <summary>Removes scratch directories left by bgx processes that no longer run.</summary>
    public static void RemoveStale(string cacheDirectory)
    {
        RemoveStaleIn(System.IO.Path.Combine(cacheDirectory, "tmp"));
        if (ScratchPlacement.TmpfsRoot is { } tmpfs)
            RemoveStaleIn(tmpfs);
    }

    private static void RemoveStaleIn(string root)
    {
        if (!Directory.Exists(root))
            return;
        foreach (var entry in Directory.EnumerateFileSystemEntries(root))
        {
            var parts = System.IO.Path.GetFileName(entry).Split('-');
            if (parts.Length >= 3 && int.TryParse(parts[^2], out var pid) && !Directory.Exists($"/proc/{pid}"))
                DeleteTree(entry);
        }
    }

    /// <summary>
    /// Removes the directory in the background: deleting a staged root is mostly waiting for the disk,
    /// and nothing needs it gone before the next build starts. <see cref="DrainAsync"/> waits for all.
    /// </summary>
    public void Dispose()
    {
        var path = Path;
        lock (Pending)
            Pending.Add(Task.Run(() => DeleteTree(path)));
    }

    private static readonly List<Task> Pending = new();

    /// <summary>Waits until every scratch directory disposed so far is deleted.</summary>
    public static async Task DrainAsync()
    {
        Task[] tasks;
        lock (Pending)
        {
            tasks = Pending.ToArray();
            Pending.Clear();
        }
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Litter is removed by RemoveStale on a later run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Deletes a tree even when commands left read-only directories in it.</summary>
    public static void DeleteTree(string path)
    {
        if (!Directory.Exists(path))
        {
            if (File.Exists(path))
                File.Delete(path);
            return;
        }
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (UnauthorizedAccessException)
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.UserRead);
            foreach (var entry in TreeWalk.Entries(path))
            {
                if (entry is DirectoryInfo { LinkTarget: null } dir)
                    File.SetUnixFileMode(dir.FullName, File.GetUnixFileMode(dir.FullName) | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.UserRead);
            }
            Directory.Delete(path, recursive: true);
        }
    }
}
