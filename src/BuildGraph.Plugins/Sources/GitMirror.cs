using System.Text;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>
/// The bare mirror of one git repository in the download cache, <c>&lt;sourcedir&gt;/git/&lt;sanitised URL&gt;</c>
/// (named after the alias-translated URL, as BuildStream names its mirrors). Every command that changes
/// it runs under a lock file, so sources sharing a repository can fetch in parallel, even across processes.
/// </summary>
internal sealed class GitMirror
{
    private static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string>
    {
        // Never ask for credentials on a terminal: fail instead (a missing repository asks over https).
        ["GIT_TERMINAL_PROMPT"] = "0",
        ["GIT_ASKPASS"] = "true",
        ["LC_ALL"] = "C",
    };

    private static readonly string[] Refspecs = ["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"];

    private readonly ISourceContext _context;

    public GitMirror(ISourceContext context, string url, Provenance at)
    {
        _context = context;
        Url = url;
        At = at;
        Path = System.IO.Path.Combine(context.SourceDirectory, "git", Sanitise(Translated));
    }

    /// <summary>
    /// The alias URL. URLs without an alias (a submodule's, from .gitmodules) pass through untouched, so
    /// they are not reported as unaliased again and again.
    /// </summary>
    public string Translated => IsAliased(Url) ? _context.TranslateUrl(Url, At) : Url;

    /// <summary>True when <paramref name="url"/> starts with an alias (not a URL scheme, not a path).</summary>
    public static bool IsAliased(string url)
    {
        var colon = url.IndexOf(':');
        return colon > 0 && url[..colon].IndexOfAny(['/', '@']) < 0 && url[..colon] is not ("http" or "https" or "ftp" or "file" or "git" or "sftp" or "ssh");
    }

    /// <summary>The URL as written (alias and all).</summary>
    public string Url { get; }

    public Provenance At { get; }

    public string Path { get; }

    public string ElementName => _context.ElementName;

    /// <summary>The mirror's directory name: every character but letters, digits, % and _ becomes _ (BuildStream's rule).</summary>
    public static string Sanitise(string url)
    {
        var sb = new StringBuilder(url.Length);
        foreach (var c in url)
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '%' or '_' ? c : '_');
        return sb.ToString();
    }

    public bool HasCommit(string sha) =>
        Directory.Exists(Path) && ExternalCommand.Capture(Path, Environment, At, ["git", "cat-file", "-e", sha + "^{commit}"]).Succeeded;

    public async Task<bool> HasCommitAsync(string sha, CancellationToken cancellationToken) =>
        Directory.Exists(Path) && (await GitAsync(cancellationToken, "cat-file", "-e", sha + "^{commit}").ConfigureAwait(false)).Succeeded;

    /// <summary>Runs git in the mirror (which must exist); the result is returned whatever the exit code.</summary>
    public Task<CommandResult> GitAsync(CancellationToken cancellationToken, params string[] arguments) =>
        ExternalCommand.CaptureAsync(Path, Environment, At, ["git", .. arguments], cancellationToken);

    public CommandResult Git(params string[] arguments) => ExternalCommand.Capture(Path, Environment, At, ["git", .. arguments]);

    /// <summary>Runs git outside the mirror with the mirror's environment.</summary>
    public static Task<CommandResult> RunAsync(string? workingDirectory, Provenance at, CancellationToken cancellationToken, params string[] arguments) =>
        ExternalCommand.CaptureAsync(workingDirectory, Environment, at, ["git", .. arguments], cancellationToken);

    /// <summary>
    /// Makes sure the mirror holds <paramref name="sha"/>: fetches all branches and tags from each fetch URL
    /// in turn (mirrors, then the alias), then the commit itself, until it is there.
    /// </summary>
    public async Task FetchCommitAsync(string sha, CancellationToken cancellationToken)
    {
        if (await HasCommitAsync(sha, cancellationToken).ConfigureAwait(false))
            return;
        using var held = await FileLock.AcquireAsync(Path + ".lock", cancellationToken).ConfigureAwait(false);
        if (await HasCommitAsync(sha, cancellationToken).ConfigureAwait(false))
            return;
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var failures = new List<SourceException>();
        foreach (var candidate in IsAliased(Url) ? _context.FetchUrls(Url, At) : [Url])
        {
            try
            {
                await FetchWithRetriesAsync(candidate, Refspecs, cancellationToken).ConfigureAwait(false);
            }
            catch (SourceException e)
            {
                failures.Add(e);
                continue;
            }
            if (await HasCommitAsync(sha, cancellationToken).ConfigureAwait(false))
                return;
            // Not on a branch or tag: servers may still hand out a reachable commit by its name.
            var direct = await GitAsync(cancellationToken, "fetch", "--quiet", candidate, sha).ConfigureAwait(false);
            if (direct.Succeeded && await HasCommitAsync(sha, cancellationToken).ConfigureAwait(false))
            {
                // Keep it referenced so that no garbage collection ever drops it.
                (await GitAsync(cancellationToken, "update-ref", "refs/bgx/" + sha, sha).ConfigureAwait(false)).ThrowIfFailed(At);
                return;
            }
            failures.Add(new SourceException(ErrorReason.SourceNotFound, At,
                $"{ElementName}: commit {sha} is not in {candidate}", "Check the ref; the commit may have been removed by a force-push."));
        }
        throw Combine(failures);
    }

    /// <summary>Fetches all branches and tags from the alias URL (tracking never uses mirrors).</summary>
    public async Task UpdateForTrackingAsync(CancellationToken cancellationToken)
    {
        using var held = await FileLock.AcquireAsync(Path + ".lock", cancellationToken).ConfigureAwait(false);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await FetchWithRetriesAsync(Translated, Refspecs, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The commit <paramref name="name"/> (branch, tag or commit) names in the mirror, or null.</summary>
    public async Task<string?> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        var result = await GitAsync(cancellationToken, "rev-parse", "--verify", "--quiet", name + "^{commit}").ConfigureAwait(false);
        return result.Succeeded ? result.Stdout.Trim() : null;
    }

    /// <summary><c>git describe --tags --abbrev=40 --long</c>, or the bare sha when no tag reaches the commit.</summary>
    public async Task<string> DescribeAsync(string sha, CancellationToken cancellationToken)
    {
        var result = await GitAsync(cancellationToken, "describe", "--tags", "--abbrev=40", "--long", sha).ConfigureAwait(false);
        return result.Succeeded ? result.Stdout.Trim() : sha;
    }

    /// <summary>
    /// The nearest tags reaching <paramref name="sha"/>, as BuildStream's <c>track-tags</c> records them: what
    /// <c>git describe --abbrev=0</c> finds with and without <c>--tags</c> and <c>--first-parent</c>, sorted by name.
    /// </summary>
    public async Task<IReadOnlyList<GitTag>> ReachableTagsAsync(string sha, CancellationToken cancellationToken)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string[] options in (string[][])[[], ["--first-parent"], ["--tags"], ["--tags", "--first-parent"]])
        {
            var described = await GitAsync(cancellationToken, ["describe", "--abbrev=0", .. options, sha]).ConfigureAwait(false);
            if (described.Succeeded)
                names.Add(described.Stdout.Trim());
        }
        var tags = new List<GitTag>();
        foreach (var name in names)
        {
            var commit = await ResolveAsync(name, cancellationToken).ConfigureAwait(false);
            var annotated = (await GitAsync(cancellationToken, "cat-file", "-t", "refs/tags/" + name).ConfigureAwait(false)).Stdout.Trim() == "tag";
            if (commit is not null)
                tags.Add(new GitTag(name, commit, annotated));
        }
        return tags;
    }

    /// <summary>Subjects of the commits in <c>old..new</c>, newest first; empty when the old commit is unknown.</summary>
    public async Task<IReadOnlyList<string>> SubjectsAsync(string? oldSha, string newSha, CancellationToken cancellationToken)
    {
        if (oldSha is null || oldSha == newSha || !await HasCommitAsync(oldSha, cancellationToken).ConfigureAwait(false))
            return [];
        var log = await GitAsync(cancellationToken, "log", "--format=%s", $"{oldSha}..{newSha}").ConfigureAwait(false);
        return log.Succeeded ? log.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries) : [];
    }

    /// <summary><c>git ls-remote</c> of the alias URL: (object, ref name) pairs, peeled tags as <c>name^{}</c>.</summary>
    public async Task<IReadOnlyList<KeyValuePair<string, string>>> ListRemoteAsync(CancellationToken cancellationToken)
    {
        var url = Translated;
        for (var attempt = 0; ; attempt++)
        {
            var result = await RunAsync(null, At, cancellationToken, "ls-remote", url).ConfigureAwait(false);
            if (result.Succeeded)
            {
                return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(line => line.Split('\t', 2))
                    .Where(parts => parts.Length == 2)
                    .Select(parts => new KeyValuePair<string, string>(parts[0], parts[1].Trim()))
                    .ToList();
            }
            var error = Failure(url, result);
            if (!error.IsTransient || attempt >= _context.NetworkRetries)
                throw error;
            await Task.Delay(Downloader.Backoff(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (Directory.Exists(Path))
            return;
        var parent = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(parent);
        var temp = System.IO.Path.Combine(parent, $".tmp-{Guid.NewGuid():N}");
        try
        {
            (await RunAsync(null, At, cancellationToken, "init", "--quiet", "--bare", temp).ConfigureAwait(false)).ThrowIfFailed(At);
            // No automatic gc (it could drop commits fetched by name), and staging may ask for any commit.
            (await RunAsync(temp, At, cancellationToken, "config", "gc.auto", "0").ConfigureAwait(false)).ThrowIfFailed(At);
            (await RunAsync(temp, At, cancellationToken, "config", "uploadpack.allowAnySHA1InWant", "true").ConfigureAwait(false)).ThrowIfFailed(At);
            Directory.Move(temp, Path);
        }
        finally
        {
            if (Directory.Exists(temp))
                Directory.Delete(temp, recursive: true);
        }
    }

    private async Task FetchWithRetriesAsync(string url, IReadOnlyList<string> refspecs, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var result = await GitAsync(cancellationToken, ["fetch", "--quiet", "--force", url, .. refspecs]).ConfigureAwait(false);
            if (result.Succeeded)
                return;
            var error = Failure(url, result);
            if (!error.IsTransient || attempt >= _context.NetworkRetries)
                throw error;
            await Task.Delay(Downloader.Backoff(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private SourceException Failure(string url, CommandResult result)
    {
        var output = (result.Stderr + result.Stdout).Trim();
        string[] missing = ["does not appear to be a git repository", "not found", "does not exist", "No such file or directory"];
        string[] transient =
        [
            "Could not resolve host", "Connection refused", "Connection timed out", "Connection reset", "timed out",
            "early EOF", "RPC failed", "returned error: 5", "the remote end hung up unexpectedly", "Temporary failure",
        ];
        if (transient.Any(t => output.Contains(t, StringComparison.OrdinalIgnoreCase)))
            return new SourceException(ErrorReason.NetworkError, At, $"{ElementName}: cannot reach the git repository {url}", output, isTransient: true);
        if (missing.Any(t => output.Contains(t, StringComparison.OrdinalIgnoreCase)))
            return new SourceException(ErrorReason.SourceNotFound, At, $"{ElementName}: there is no git repository at {url}", output);
        return new SourceException(ErrorReason.NetworkError, At, $"{ElementName}: '{result.CommandLine}' failed (exit code {result.ExitCode})", output);
    }

    private SourceException Combine(IReadOnlyList<SourceException> failures)
    {
        if (failures.Count == 1)
            return failures[0];
        var last = failures[^1];
        return new SourceException(last.Reason, At, $"{ElementName}: every URL of {Url} failed; the last: {last.Message}",
            string.Join("\n", failures.Select(f => "- " + f.Message)), failures.All(f => f.IsTransient), last);
    }
}
