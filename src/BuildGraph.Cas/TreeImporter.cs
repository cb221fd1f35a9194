using BuildGraph.Abstractions;
using BuildGraph.Protos.Reapi;
using BuildGraph.Yaml;
using Digest = BuildGraph.Abstractions.Digest;
using ReapiDirectory = BuildGraph.Protos.Reapi.Directory;

namespace BuildGraph.Cas;

/// <summary>
/// Imports a host tree in three passes: walk it (lstat every entry, read symlinks), store the files
/// in parallel (hashing is the cost; one file per core), then build and store Directory messages
/// bottom-up.
/// </summary>
internal sealed class TreeImporter(LocalCas cas, ImportMode mode)
{
    private static readonly EnumerationOptions AllEntries = new()
    {
        AttributesToSkip = 0, // dotfiles count as Hidden on Unix
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    public async Task<Digest> ImportAsync(string hostDirectory, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(hostDirectory);
        if (!System.IO.Directory.Exists(root))
            throw new CasException(ErrorReason.MissingFile, $"Directory {root} does not exist");
        var files = new List<FileJob>();
        var tree = Walk(root, files, cancellationToken);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(files, options, (file, _) =>
        {
            file.Digest = cas.PutFile(file.HostPath, file.Stamp, mode);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        return Store(tree);
    }

    private static DirectoryJob Walk(string path, List<FileJob> files, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var job = new DirectoryJob();
        foreach (var entry in new DirectoryInfo(path).EnumerateFileSystemInfos("*", AllEntries))
        {
            if (Native.TryLstat(entry.FullName) is not { } stamp)
                continue; // vanished since it was listed
            if (stamp.IsSymlink)
            {
                job.Symlinks.Add(new SymlinkNode { Name = entry.Name, Target = entry.LinkTarget ?? "" });
            }
            else if (stamp.IsDirectory)
            {
                job.Directories.Add((entry.Name, Walk(entry.FullName, files, cancellationToken)));
            }
            else if (stamp.IsRegularFile)
            {
                var file = new FileJob(entry.Name, entry.FullName, stamp);
                job.Files.Add(file);
                files.Add(file);
            }
            else
            {
                throw new CasException(ErrorReason.Unsupported, $"Cannot store special file {entry.FullName}",
                    "Only regular files, directories and symlinks can be stored.");
            }
        }
        return job;
    }

    private Digest Store(DirectoryJob job)
    {
        var message = new ReapiDirectory();
        foreach (var file in job.Files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            message.Files.Add(new FileNode
            {
                Name = file.Name,
                Digest = file.Digest.ToProto(),
                IsExecutable = (file.Stamp.Permissions & UnixFileMode.UserExecute) != 0,
            });
        }
        foreach (var (name, child) in job.Directories.OrderBy(d => d.Name, StringComparer.Ordinal))
            message.Directories.Add(new DirectoryNode { Name = name, Digest = Store(child).ToProto() });
        message.Symlinks.AddRange(job.Symlinks.OrderBy(s => s.Name, StringComparer.Ordinal));
        return cas.PutBytes(Google.Protobuf.MessageExtensions.ToByteArray(message));
    }

    private sealed class DirectoryJob
    {
        public List<FileJob> Files { get; } = new();
        public List<(string Name, DirectoryJob Job)> Directories { get; } = new();
        public List<SymlinkNode> Symlinks { get; } = new();
    }

    private sealed class FileJob(string name, string hostPath, FileStamp stamp)
    {
        public string Name { get; } = name;
        public string HostPath { get; } = hostPath;
        public FileStamp Stamp { get; } = stamp;
        public Digest Digest { get; set; }
    }
}
