using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>Stages one commit of a <see cref="GitMirror"/>: as plain files, or as a shallow repository.</summary>
internal static class GitCheckout
{
    /// <summary>Writes the commit's files into <paramref name="directory"/>, with no <c>.git</c> (a temporary index does the checkout).</summary>
    public static async Task StageFilesAsync(GitMirror mirror, string sha, string directory, CancellationToken cancellationToken)
    {
        RequireCommit(mirror, sha);
        Directory.CreateDirectory(directory);
        var index = Path.Combine(Path.GetTempPath(), $"bgx-git-index-{Guid.NewGuid():N}");
        try
        {
            var env = new Dictionary<string, string> { ["GIT_INDEX_FILE"] = index, ["LC_ALL"] = "C" };
            string[] tree = ["git", $"--git-dir={mirror.Path}", $"--work-tree={directory}"];
            (await ExternalCommand.CaptureAsync(directory, env, mirror.At, [.. tree, "read-tree", sha], cancellationToken).ConfigureAwait(false))
                .ThrowIfFailed(mirror.At);
            (await ExternalCommand.CaptureAsync(directory, env, mirror.At, [.. tree, "checkout-index", "--all", "--force"], cancellationToken)
                .ConfigureAwait(false)).ThrowIfFailed(mirror.At);
        }
        finally
        {
            File.Delete(index);
        }
    }

    /// <summary>
    /// Makes <paramref name="directory"/> a repository checked out at <paramref name="sha"/> whose history
    /// is cut <paramref name="depth"/> commits back, holding the refs <paramref name="refspecs"/> fetched
    /// from the mirror (each with its own commit only), so that <c>git describe</c> and <c>git log</c> work
    /// inside the build.
    /// </summary>
    public static async Task StageRepositoryAsync(GitMirror mirror, string sha, string directory, int depth,
        IReadOnlyList<string> refspecs, CancellationToken cancellationToken)
    {
        RequireCommit(mirror, sha);
        Directory.CreateDirectory(directory);
        if (Directory.Exists(Path.Combine(directory, ".git")))
            throw new SourceException(ErrorReason.InvalidData, mirror.At,
                $"{mirror.ElementName}: cannot stage {mirror.Url} into a directory that already holds a .git",
                "Stage the earlier source into another directory (directory: key).");
        var at = mirror.At;
        (await GitMirror.RunAsync(directory, at, cancellationToken, "init", "--quiet").ConfigureAwait(false)).ThrowIfFailed(at);
        var from = new Uri(Path.GetFullPath(mirror.Path)).AbsoluteUri;
        (await GitMirror.RunAsync(directory, at, cancellationToken,
            "fetch", "--quiet", "--no-tags", $"--depth={depth}", from, sha).ConfigureAwait(false)).ThrowIfFailed(at);
        // The refs come with their own commit only: the history above already reaches them.
        if (refspecs.Count > 0)
            (await GitMirror.RunAsync(directory, at, cancellationToken,
                ["fetch", "--quiet", "--no-tags", "--depth=1", from, .. refspecs]).ConfigureAwait(false)).ThrowIfFailed(at);
        (await GitMirror.RunAsync(directory, at, cancellationToken,
            "-c", "advice.detachedHead=false", "checkout", "--quiet", "--force", "--detach", sha).ConfigureAwait(false)).ThrowIfFailed(at);
        // FETCH_HEAD names the host path of the mirror; nothing in the build needs it.
        File.Delete(Path.Combine(directory, ".git", "FETCH_HEAD"));
    }

    private static void RequireCommit(GitMirror mirror, string sha)
    {
        if (!mirror.HasCommit(sha))
            throw new SourceException(ErrorReason.MissingFile, mirror.At,
                $"{mirror.ElementName}: commit {sha} of {mirror.Url} is not in the download cache",
                "Fetch it first (bgx source fetch); staging never uses the network.");
    }
}
