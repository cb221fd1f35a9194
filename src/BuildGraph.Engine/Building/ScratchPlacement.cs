using System.Collections.Concurrent;
using BuildGraph.Abstractions;
using BuildGraph.Engine.Artifacts;
using BuildGraph.Engine.Graph;

namespace BuildGraph.Engine.Building;

/// <summary>
/// Where an element's build scratch directory goes. Staging creates and deletes thousands of small
/// inodes per build, which ext4 handles slowly under churn (it scans for inodes not recently freed);
/// so builds whose staged content is small work in a tmpfs (files copied, not hard-linked), and only
/// big ones (a whole sysroot) stay on the cache's file system, where files are hard-linked from the CAS.
/// </summary>
internal static class ScratchPlacement
{
    /// <summary>Staged bytes up to which a build runs in memory (twice this with two builders).</summary>
    private const long MemoryLimit = 192L * 1024 * 1024;

    private static readonly Lazy<string?> Tmpfs = new(FindTmpfs);
    private static readonly ConcurrentDictionary<Digest, long> TreeSizes = new();

    /// <summary>A tmpfs directory to build <paramref name="element"/> in, or null to use the cache's file system.</summary>
    public static async Task<string?> MemoryDirectoryFor(Element element, BuildContext context, CancellationToken cancellationToken)
    {
        if (Tmpfs.Value is not { } tmpfs || element.Plugin.Assembly is ImportPlan or StackPlan)
            return null;
        long total = 0;
        foreach (var dependency in Scopes.Build(element))
        {
            if (context.Artifacts.TryGet(dependency)?.Files is not { } files)
                return null;
            total += await SizeAsync(context.Artifacts.Cas, files.ToDigest(), cancellationToken).ConfigureAwait(false);
            if (total > MemoryLimit)
                return null;
        }
        foreach (var source in element.Sources)
        {
            // Only small project-local sources are counted; anything fetched may be large.
            if ((source.KindImpl.Traits & SourceTraits.ProjectLocal) == 0)
                return null;
        }
        return tmpfs;
    }

    private static async Task<long> SizeAsync(ITreeStore cas, Digest root, CancellationToken cancellationToken)
    {
        if (TreeSizes.TryGetValue(root, out var known))
            return known;
        var directory = await cas.GetDirectoryAsync(root, cancellationToken).ConfigureAwait(false);
        long size = directory.Files.Sum(f => f.Digest.SizeBytes);
        foreach (var sub in directory.Directories)
            size += await SizeAsync(cas, sub.Digest.ToDigest(), cancellationToken).ConfigureAwait(false);
        TreeSizes[root] = size;
        return size;
    }

    private static string? FindTmpfs()
    {
        if (Environment.GetEnvironmentVariable("BGX_NO_TMPFS") is { Length: > 0 })
            return null;
        const string shm = "/dev/shm";
        try
        {
            if (!Directory.Exists(shm))
                return null;
            var mine = Path.Combine(shm, $"bgx-{Environment.UserName}");
            Directory.CreateDirectory(mine);
            return mine;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The tmpfs scratch parent, when there is one, for stale-litter removal.</summary>
    public static string? TmpfsRoot => Tmpfs.Value;
}
