using BuildGraph.Abstractions;
using BuildGraph.Engine.Artifacts;
using BuildGraph.Engine.Graph;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Building;

/// <summary>
/// Stages artifacts into a host directory that becomes a sandbox root, in staging order, tracking
/// which element staged each path so that overlaps are detected: a file or symlink replacing a
/// non-directory staged by another element is an overlap, allowed only where the later element's
/// <c>public: bst: overlap-whitelist</c> matches the path. Files are hard-linked from the CAS when the
/// tree stays read-only, copied when commands may write to it.
/// </summary>
/// <remarks>
/// An artifact found damaged while staging (a missing or corrupt object, which the CAS removes) is
/// reported through <paramref name="damaged"/> so its ref can be dropped and the next build rebuilds it.
/// </remarks>
internal sealed class Stager(ITreeStore cas, string hostRoot, bool copyFiles, Action<Element>? damaged = null)
{
    private readonly Dictionary<string, Element> _owners = new(StringComparer.Ordinal);

    public List<Overlap> Overlaps { get; } = new();

    /// <summary>Paths (with a leading '/', relative to the sandbox root) each element staged, for compose.</summary>
    public Dictionary<Element, List<string>> StagedPaths { get; } = new();

    public async Task StageAsync(Element element, Digest filesRoot, string location, CancellationToken cancellationToken)
    {
        try
        {
            await StageTreeAsync(element, filesRoot, location, cancellationToken).ConfigureAwait(false);
        }
        catch (CasException e) when (e.Reason is ErrorReason.CorruptBlob or ErrorReason.BlobNotFound)
        {
            damaged?.Invoke(element);
            throw;
        }
    }

    private async Task StageTreeAsync(Element element, Digest filesRoot, string location, CancellationToken cancellationToken)
    {
        var whitelist = OverlapWhitelist(element);
        var staged = new List<string>();
        StagedPaths[element] = staged;
        var baseRelative = location.Trim('/');
        var pending = new Stack<(Digest Digest, string Relative)>();
        pending.Push((filesRoot, baseRelative));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (digest, relative) = pending.Pop();
            var directory = await cas.GetDirectoryAsync(digest, cancellationToken).ConfigureAwait(false);
            var hostDir = HostPath(relative);
            EnsureDirectory(hostDir, relative, element);
            if (relative != baseRelative)
                staged.Add("/" + relative);
            foreach (var sub in directory.Directories)
                pending.Push((sub.Digest.ToDigest(), Join(relative, sub.Name)));
            foreach (var file in directory.Files)
            {
                var path = Join(relative, file.Name);
                if (!PrepareTarget(path, element, whitelist))
                    continue;
                PlaceFile(file.Digest.ToDigest(), file.IsExecutable, HostPath(path));
                _owners[path] = element;
                staged.Add("/" + path);
            }
            foreach (var link in directory.Symlinks)
            {
                var path = Join(relative, link.Name);
                if (!PrepareTarget(path, element, whitelist))
                    continue;
                File.CreateSymbolicLink(HostPath(path), link.Target);
                _owners[path] = element;
                staged.Add("/" + path);
            }
        }
    }

    private static string Join(string relative, string name) => relative.Length == 0 ? name : relative + "/" + name;

    private string HostPath(string relative) => relative.Length == 0 ? hostRoot : Path.Combine(hostRoot, relative);

    private void EnsureDirectory(string hostDir, string relative, Element element)
    {
        var info = new FileInfo(hostDir);
        if (info.LinkTarget is not null || info.Exists)
        {
            // A directory replaces a file or symlink staged earlier: BuildStream counts this as an overlap.
            if (_owners.TryGetValue(relative, out var earlier) && earlier != element)
                Overlaps.Add(new Overlap("/" + relative, earlier, element, false));
            File.Delete(hostDir);
        }
        Directory.CreateDirectory(hostDir);
    }

    /// <summary>Clears the way for a file or symlink at <paramref name="path"/>; false to skip it.</summary>
    private bool PrepareTarget(string path, Element element, List<string> whitelist)
    {
        var host = HostPath(path);
        var info = new FileInfo(host);
        if (info.LinkTarget is null && Directory.Exists(host))
        {
            if (Directory.EnumerateFileSystemEntries(host).Any())
                return false; // would replace a non-empty directory: not staged (unstaged-files)
            Directory.Delete(host);
            return true;
        }
        if (info.LinkTarget is null && !info.Exists)
            return true;
        if (_owners.TryGetValue(path, out var earlier) && earlier != element)
            Overlaps.Add(new Overlap("/" + path, earlier, element, whitelist.Count > 0 && PathGlob.Matches(whitelist, "/" + path)));
        File.Delete(host);
        return true;
    }

    private void PlaceFile(Digest digest, bool executable, string host)
    {
        var source = executable ? cas.TryGetExecutablePath(digest) : cas.TryGetObjectPath(digest);
        if (source is null)
            throw new CasException(ErrorReason.BlobNotFound, $"Blob {digest} is missing from the local CAS",
                "Run 'bgx cas verify'; rebuild or pull the artifact.");
        if (copyFiles)
        {
            File.Copy(source, host);
            File.SetUnixFileMode(host, executable
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        else
        {
            HardLink.Create(source, host);
        }
    }

    private static List<string> OverlapWhitelist(Element element) =>
        element.Public.TryGetMapping("bst")?.TryGetSequence("overlap-whitelist")?.AsStrings() ?? new List<string>();
}
