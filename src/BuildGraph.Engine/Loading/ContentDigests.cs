using System.Collections.Concurrent;
using System.Security.Cryptography;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Loading;

/// <summary>
/// Digests of project files for local sources: the sha256 of the REAPI <c>Directory</c> message
/// of the tree (a single file is digested as a directory holding it), so the same value names the
/// tree in the CAS. Memoised per path; file contents hashed once across runs through
/// <see cref="FileHashCache"/>. A local path that is itself a symlink to a directory is followed
/// (links inside the tree are kept as links). Thread-safe.
/// </summary>
internal sealed class ContentDigests(FileHashCache files)
{
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);

    public void Save() => files.Save();

    public string DigestProjectPath(Project project, string relativePath, Provenance at)
    {
        var full = Path.GetFullPath(Path.Combine(project.Directory, relativePath));
        var root = Path.GetFullPath(project.Directory);
        if (full != root && !full.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal))
            throw new LoadException(ErrorReason.InvalidData, at,
                $"Path '{relativePath}' is outside the project", "Local paths must stay inside the project directory.");
        if (!File.Exists(full) && !Directory.Exists(full) && new FileInfo(full).LinkTarget is null)
            throw new LoadException(ErrorReason.MissingFile, at,
                $"Local path '{relativePath}' does not exist", "Paths of local sources are relative to the project directory.");
        return _cache.GetOrAdd(full, Compute);
    }

    private string Compute(string path)
    {
        var info = new FileInfo(path);
        if (Directory.Exists(path))
            return Hex(DirectoryMessage(path).Hash);
        var message = new DirectoryMessageWriter();
        AddEntry(message, info);
        return Hex(SHA256.HashData(message.ToArray()));
    }

    private (byte[] Hash, long Size) DirectoryMessage(string directory)
    {
        var writer = new DirectoryMessageWriter();
        var entries = new DirectoryInfo(directory).EnumerateFileSystemInfos()
            .OrderBy(e => e.Name, StringComparer.Ordinal);
        foreach (var entry in entries)
            AddEntry(writer, entry);
        var bytes = writer.ToArray();
        return (SHA256.HashData(bytes), bytes.Length);
    }

    private void AddEntry(DirectoryMessageWriter writer, FileSystemInfo entry)
    {
        if (entry.LinkTarget is { } target)
        {
            writer.AddSymlink(entry.Name, target);
        }
        else if (entry is DirectoryInfo || Directory.Exists(entry.FullName))
        {
            var (hash, size) = DirectoryMessage(entry.FullName);
            writer.AddDirectory(entry.Name, Hex(hash), size);
        }
        else
        {
            var file = entry as FileInfo ?? new FileInfo(entry.FullName);
            var executable = (File.GetUnixFileMode(entry.FullName) & UnixFileMode.UserExecute) != 0;
            writer.AddFile(entry.Name, files.Hash(file), file.Length, executable);
        }
    }

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}
