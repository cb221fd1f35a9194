using System.Diagnostics;
using BuildGraph.Sandbox;

namespace BuildGraph.Cli.Tests.EndToEnd;

/// <summary>
/// The buildsystems fixture (<c>tests/fixtures/buildsystems/generate.sh</c>): a Debian minbase sysroot with
/// make, gcc, autoconf, automake, libtool, pkg-config, cmake, ninja and meson. It lives once per machine in
/// <c>$BGX_BUILDSYSTEMS</c>, else <c>${XDG_CACHE_HOME:-$HOME/.cache}/bgx/buildsystems</c>; <see cref="GenerateAsync"/>
/// runs the generator there, which takes minutes the first time and returns at once when the fixture is complete.
/// </summary>
internal static class BuildSystems
{
    private static readonly TimeSpan GenerateTimeout = TimeSpan.FromMinutes(20);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Lazy<string?> CachedSkipReason = new(ComputeSkipReason);

    /// <summary>Where the fixture is (or will be) generated.</summary>
    public static string Root =>
        Environment.GetEnvironmentVariable("BGX_BUILDSYSTEMS") is { Length: > 0 } given ? given
        : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "bgx", "buildsystems");

    /// <summary>The sysroot of a generated fixture.</summary>
    public static string Sysroot => Path.Combine(Root, "sysroot");

    /// <summary><c>tests/fixtures/buildsystems/generate.sh</c> of the repository, or null without a root.</summary>
    public static string? Generator =>
        RepoProject.Root is { } root ? Path.Combine(root, "tests", "fixtures", "buildsystems", "generate.sh") : null;

    /// <summary>Why the fixture cannot be generated and built on here, or null when it can (computed once).</summary>
    public static string? SkipReason => CachedSkipReason.Value;

    /// <summary>
    /// Runs <c>bash generate.sh ROOT</c> (one at a time in this process); fails with the generator's output
    /// when it does not succeed.
    /// </summary>
    public static async Task GenerateAsync()
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
    }

    private static string? ComputeSkipReason()
    {
        if (Generator is not { } generator)
            return "BuildGraph.sln not found above " + AppContext.BaseDirectory + ", so neither is tests/fixtures/buildsystems";
        if (!File.Exists(generator))
            return $"the buildsystems generator is not at {generator}";
        if (!OnPath("bash"))
            return "needs bash on PATH (the fixture generator is a bash script)";
        var probe = SandboxProbe.Check();
        if (!probe.IsAvailable)
            return $"bubblewrap cannot run here: {probe.Reason} {probe.Detail}";
        if (IsComplete())
            return null;
        // Only generating needs root, debootstrap and the Debian archive.
        if (!Environment.IsPrivilegedProcess)
            return "generating the buildsystems fixture needs root (debootstrap)";
        if (!OnPath("debootstrap") && !OnPath("apt-get"))
            return "generating the buildsystems fixture needs debootstrap (or apt-get to install it)";
        return ArchiveUnreachable();
    }

    /// <summary>The generator has finished once in <see cref="Root"/> (it may still redo cheap steps).</summary>
    private static bool IsComplete() =>
        File.Exists(Path.Combine(Root, ".stamps", "complete")) && File.Exists(Path.Combine(Sysroot, "usr", "bin", "meson"));

    /// <summary>
    /// Null when the Debian archive the generator would use (<c>BS_MIRROR</c>, else apt's source for the
    /// suite) answers for the suite's Release file; else why not.
    /// </summary>
    private static string? ArchiveUnreachable()
    {
        var suite = Environment.GetEnvironmentVariable("BS_SUITE") is { Length: > 0 } s ? s : "bookworm";
        var mirror = Environment.GetEnvironmentVariable("BS_MIRROR") is { Length: > 0 } m ? m : AptMirror(suite);
        if (mirror is null)
            return $"no apt source for Debian {suite} main (run apt-get update, or set BS_MIRROR) to generate the buildsystems fixture";
        var release = mirror.TrimEnd('/') + $"/dists/{suite}/Release";
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            using var request = new HttpRequestMessage(HttpMethod.Head, release);
            using var response = client.Send(request);
            return response.IsSuccessStatusCode ? null
                : $"the Debian archive answered {(int)response.StatusCode} for {release}, so the buildsystems fixture cannot be generated";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or NotSupportedException)
        {
            return $"the Debian archive is unreachable ({release}: {e.Message}), so the buildsystems fixture cannot be generated";
        }
    }

    private static string? AptMirror(string suite)
    {
        try
        {
            var start = new ProcessStartInfo("apt-get") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "indextargets", "--format", "$(REPO_URI) $(RELEASE) $(COMPONENT) $(TARGET_OF)" })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start);
            if (process is null)
                return null;
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return output.Split('\n')
                .Select(line => line.Split(' '))
                .FirstOrDefault(f => f.Length == 4 && f[1] == suite && f[2] == "main" && f[3] == "deb")?[0];
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));
}

/// <summary>A fact that builds on the buildsystems fixture and skips, saying why, when it cannot be made here.</summary>
internal sealed class BuildSystemsFactAttribute : FactAttribute
{
    public BuildSystemsFactAttribute()
    {
        if (BuildSystems.SkipReason is { } reason)
            Skip = reason;
    }
}
