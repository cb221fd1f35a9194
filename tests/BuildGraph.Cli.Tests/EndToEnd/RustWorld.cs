using BuildGraph.Sandbox;

namespace BuildGraph.Cli.Tests.EndToEnd;

/// <summary>
/// The rust-world fixture (<c>shared/fixtures/rust-world</c>, beside the repository): a Debian sysroot with
/// cargo and rustc, a crate mirror and a git repository with the hello-service releases v0.1.0 and v0.2.0.
/// It lives once per machine in <c>$BGX_RUST_WORLD</c>, else <c>${XDG_CACHE_HOME:-$HOME/.cache}/bgx/rust-world</c>;
/// <see cref="GenerateAsync"/> runs the generator there, which takes minutes the first time and returns at
/// once when the fixture is complete.
/// </summary>
internal static class RustWorld
{
    private static readonly TimeSpan GenerateTimeout = TimeSpan.FromMinutes(20);
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Where the fixture is (or will be) generated.</summary>
    public static string Root =>
        Environment.GetEnvironmentVariable("BGX_RUST_WORLD") is { Length: > 0 } given ? given
        : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "bgx", "rust-world");

    /// <summary><c>../shared/fixtures/rust-world/generate.sh</c> from the repository root, or null without a root.</summary>
    public static string? Generator =>
        RepoProject.Root is { } root
            ? Path.GetFullPath(Path.Combine(root, "..", "shared", "fixtures", "rust-world", "generate.sh"))
            : null;

    /// <summary>Why the fixture cannot be generated and built here, or null when it can.</summary>
    public static string? SkipReason
    {
        get
        {
            if (Generator is not { } generator)
                return "BuildGraph.sln not found above " + AppContext.BaseDirectory + ", so neither is ../shared/fixtures/rust-world";
            if (!File.Exists(generator))
                return $"the rust-world generator is not at {generator} (shared/ beside the repository)";
            if (!Environment.IsPrivilegedProcess)
                return "generating the rust-world fixture needs root (debootstrap)";
            foreach (var tool in new[] { "bash", "git", "python3" })
            {
                if (!OnPath(tool))
                    return $"needs {tool} on PATH (the fixture generator and the git_repo source use it)";
            }
            var probe = SandboxProbe.Check();
            return probe.IsAvailable ? null : $"bubblewrap cannot run here: {probe.Reason} {probe.Detail}";
        }
    }

    /// <summary>
    /// Runs <c>bash generate.sh ROOT</c> (one at a time in this process) and returns the fixture's facts
    /// (<c>fixture.env</c>); fails with the generator's output when it does not succeed.
    /// </summary>
    public static async Task<RustWorldFacts> GenerateAsync()
    {
        var generator = Generator ?? throw new InvalidOperationException(SkipReason);
        var root = Root;
        await Gate.WaitAsync();
        try
        {
            await FixtureGenerator.RunAsync(generator, root, GenerateTimeout);
        }
        finally
        {
            Gate.Release();
        }
        return new RustWorldFacts(root, File.ReadAllLines(Path.Combine(root, "fixture.env"))
            .Where(line => line.Contains('=') && !line.StartsWith('#'))
            .ToDictionary(line => line[..line.IndexOf('=')], line => line[(line.IndexOf('=') + 1)..].Trim('"')));
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));
}

/// <summary>A generated fixture: its directory and the facts of its <c>fixture.env</c>.</summary>
internal sealed record RustWorldFacts(string Root, IReadOnlyDictionary<string, string> Env)
{
    public string this[string name] => Env.TryGetValue(name, out var value) ? value
        : throw new KeyNotFoundException($"{name} is not in {Path.Combine(Root, "fixture.env")}");

    /// <summary>The crate mirror's sha256 of <paramref name="name"/> <paramref name="version"/> (crates/manifest.tsv).</summary>
    public string CrateSha(string name, string version) =>
        File.ReadLines(Path.Combine(Root, "crates", "manifest.tsv"))
            .Select(line => line.Split('\t'))
            .Single(fields => fields.Length > 2 && fields[0] == name && fields[1] == version)[2];
}

/// <summary>A fact that builds on the rust-world fixture and skips, saying why, when it cannot be made here.</summary>
internal sealed class RustWorldFactAttribute : FactAttribute
{
    public RustWorldFactAttribute()
    {
        if (RustWorld.SkipReason is { } reason)
            Skip = reason;
    }
}
