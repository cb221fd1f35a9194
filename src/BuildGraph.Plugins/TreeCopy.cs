namespace BuildGraph.Plugins;

/// <summary>Copies files and trees as sources stage them: symlinks kept as links, modes kept.</summary>
internal static class TreeCopy
{
    /// <summary>Copies <paramref name="source"/> (a file, or a directory's contents) into <paramref name="directory"/>.</summary>
    public static void Into(string source, string directory)
    {
        Directory.CreateDirectory(directory);
        var info = new FileInfo(source);
        // The local path itself is followed when it links to a directory; links inside are kept.
        if (Directory.Exists(source))
            CopyContents(source, directory);
        else
            CopyEntry(info, Path.Combine(directory, info.Name));
    }

    private static void CopyContents(string sourceDir, string targetDir)
    {
        foreach (var entry in new DirectoryInfo(sourceDir).EnumerateFileSystemInfos())
            CopyEntry(entry, Path.Combine(targetDir, entry.Name));
    }

    private static void CopyEntry(FileSystemInfo entry, string target)
    {
        if (entry.LinkTarget is { } linkTarget)
        {
            if (File.Exists(target) || Directory.Exists(target) || new FileInfo(target).LinkTarget is not null)
                File.Delete(target);
            File.CreateSymbolicLink(target, linkTarget);
        }
        else if (entry is DirectoryInfo || Directory.Exists(entry.FullName))
        {
            Directory.CreateDirectory(target);
            CopyContents(entry.FullName, target);
        }
        else
        {
            File.Copy(entry.FullName, target, overwrite: true);
            File.SetUnixFileMode(target, File.GetUnixFileMode(entry.FullName) | UnixFileMode.UserWrite);
        }
    }
}
