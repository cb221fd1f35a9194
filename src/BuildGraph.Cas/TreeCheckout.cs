using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Cas;

/// <summary>
/// Writes a stored tree to the host: directories and symlinks while walking the Directory messages,
/// then the files in parallel, hard-linked from verified objects or copied with their digest checked.
/// </summary>
internal sealed class TreeCheckout(DirectoryTree tree, bool useHardlinks)
{
    private LocalCas Cas => tree.Cas;

    public async Task RunAsync(Digest root, string targetDirectory, CancellationToken cancellationToken)
    {
        var files = new List<(string Path, Digest Digest, bool Executable)>();
        var pending = new Stack<(Digest Digest, string Path)>();
        pending.Push((root, Path.GetFullPath(targetDirectory)));
        while (pending.Count > 0)
        {
            var (digest, path) = pending.Pop();
            var directory = await tree.GetDirectoryAsync(digest, cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(path);
            foreach (var sub in directory.Directories)
                pending.Push((sub.Digest.ToDigest(), Path.Combine(path, sub.Name)));
            foreach (var file in directory.Files)
                files.Add((Path.Combine(path, file.Name), file.Digest.ToDigest(), file.IsExecutable));
            foreach (var link in directory.Symlinks)
                File.CreateSymbolicLink(Path.Combine(path, link.Name), link.Target);
        }
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(files, options, (file, _) =>
        {
            Place(file.Path, file.Digest, file.Executable);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
    }

    private void Place(string path, Digest digest, bool executable)
    {
        var mode = useHardlinks ? FileModes.ReadOnly(executable) : FileModes.Writable(executable);
        if (digest == Digest.Empty)
        {
            new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode }).Dispose();
            return;
        }
        if (useHardlinks)
        {
            var source = (executable ? Cas.TryGetExecutablePath(digest) : Cas.TryGetObjectPath(digest))
                ?? throw Missing(digest, path);
            var errno = Native.Link(source, path);
            if (errno == 0)
                return;
            // Too many links to one inode (EMLINK), another file system, or links not allowed: copy.
            if (errno is not (Native.EMLINK or Native.EXDEV or Native.EPERM))
                throw new IOException($"Cannot hard-link {path}: errno {errno}", errno);
        }
        Copy(digest, path, mode);
    }

    private void Copy(Digest digest, string path, UnixFileMode mode)
    {
        var source = Cas.ObjectPath(digest);
        Digest actual;
        try
        {
            actual = BlobHasher.CopyFile(source, path, mode);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Missing(digest, path);
        }
        if (actual != digest)
        {
            File.Delete(path);
            throw Cas.Corrupt(digest, source, $"Its content hashes to {actual} (needed for {path}).");
        }
    }

    private static CasException Missing(Digest digest, string path) =>
        new(ErrorReason.BlobNotFound, $"Object {digest} is missing from the local CAS", $"It is needed for {path}.");
}
