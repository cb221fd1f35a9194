namespace BuildGraph.Engine.Building;

/// <summary>Walks a host tree without following symbolic links (which may point anywhere).</summary>
internal static class TreeWalk
{
    /// <summary>Every entry below <paramref name="root"/>, parents before children.</summary>
    public static IEnumerable<FileSystemInfo> Entries(string root)
    {
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(root));
        while (pending.Count > 0)
        {
            foreach (var entry in pending.Pop().EnumerateFileSystemInfos())
            {
                yield return entry;
                if (entry is DirectoryInfo dir && dir.LinkTarget is null)
                    pending.Push(dir);
            }
        }
    }
}
