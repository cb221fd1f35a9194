using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Plugins.Tests.Sources.Support;
using BuildGraph.Testing;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests.Sources;

/// <summary>cargo2 against a loopback crate registry: track from a staged Cargo.lock, fetch, vendor, build.</summary>
[Trait("Category", "Integration")]
public sealed class Cargo2FetchTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly LoopbackHttpServer _registry = new();
    private readonly FakeSourceContext _context;

    public Cargo2FetchTests()
    {
        _context = new FakeSourceContext { SourceDirectory = Path.Combine(_temp.Path, "sources") };
        _context.Aliases["crates"] = _registry.BaseUrl;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        _temp.Dispose();
    }

    /// <summary>Serves a tiny library crate at <c>name/name-version.crate</c> and returns its sha256.</summary>
    private string Publish(string name, string version, string body = "pub fn answer() -> u32 { 42 }\n")
    {
        var top = $"{name}-{version}";
        var crate = new TestArchives()
            .Directory(top + "/")
            .File($"{top}/Cargo.toml", $"[package]\nname = \"{name}\"\nversion = \"{version}\"\nedition = \"2021\"\n")
            .File($"{top}/src/lib.rs", body)
            .TarGz();
        _registry.Files[$"/{name}/{top}.crate"] = crate;
        return TestArchives.Sha256(crate);
    }

    private static string Lock(params (string Name, string Version, string Sha)[] crates)
    {
        var sb = new StringBuilder("version = 3\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\n");
        foreach (var (name, _, _) in crates)
            sb.Append($" \"{name}\",\n");
        sb.Append("]\n");
        foreach (var (name, version, sha) in crates)
            sb.Append($"\n[[package]]\nname = \"{name}\"\nversion = \"{version}\"\n" +
                $"source = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"{sha}\"\n");
        return sb.ToString();
    }

    private ISource Configure(string yaml) => KindTest.ConfigureSource("cargo2", yaml, _context);

    /// <summary>The YAML of a cargo2 ref list, as the engine would write it back.</summary>
    private static string RefYaml(Node newRef) =>
        "ref:\n" + string.Join("", YamlWriter.Write(newRef).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "  " + l + "\n"));

    [Fact]
    public async Task TrackAsync_LockInThePreviousSources_GivesSortedRegistryEntries()
    {
        var sources = _temp.Sub("previous");
        await File.WriteAllTextAsync(Path.Combine(sources, "Cargo.lock"),
            Lock(("zlib-ish", "1.0.0", new string('b', 64)), ("alpha", "0.2.0", new string('a', 64))));

        var result = await Configure("url: 'crates:'").TrackAsync(sources, default);

        var list = Assert.IsType<SequenceNode>(result.NewRef);
        Assert.Equal(["alpha", "zlib-ish"], list.Items.Cast<MappingNode>().Select(m => m.GetString("name")));
        Assert.Equal(new string('a', 64), ((MappingNode)list.Items[0]).GetString("sha"));
        Assert.Equal(["add alpha 0.2.0", "add zlib-ish 1.0.0"], result.Changes.Order());
        Assert.Empty(_registry.Requests);
    }

    [Fact]
    public async Task TrackAsync_CustomLockPath_IsReadRelativeToThePreviousSources()
    {
        var sources = _temp.Sub("previous");
        Directory.CreateDirectory(Path.Combine(sources, "sub"));
        await File.WriteAllTextAsync(Path.Combine(sources, "sub", "Cargo.lock"), Lock(("one", "1.0.0", new string('c', 64))));

        var result = await Configure("cargo-lock: sub/Cargo.lock").TrackAsync(sources, default);

        Assert.Single(Assert.IsType<SequenceNode>(result.NewRef).Items);
    }

    [Fact]
    public async Task TrackAsync_NoLock_FailsMissingFile()
    {
        var e = await Assert.ThrowsAsync<SourceException>(() => Configure("url: 'crates:'").TrackAsync(_temp.Sub("empty"), default));

        Assert.Equal(ErrorReason.MissingFile, e.Reason);
    }

    [Fact]
    public async Task TrackAsync_MalformedLock_FailsInvalidDataNamingTheLock()
    {
        var sources = _temp.Sub("previous");
        await File.WriteAllTextAsync(Path.Combine(sources, "Cargo.lock"), "[[package]]\nname = \"broken\n");

        var e = await Assert.ThrowsAsync<SourceException>(() => Configure("url: 'crates:'").TrackAsync(sources, default));

        Assert.Equal(ErrorReason.InvalidData, e.Reason);
        Assert.Contains("Cargo.lock", e.Message);
    }

    [Fact]
    public async Task FetchAndStage_VendorsEachCrateWithItsChecksumAndWritesTheCargoConfig()
    {
        var shaA = Publish("alpha", "0.2.0");
        var shaB = Publish("beta", "1.0.0");
        var source = Configure($"url: 'crates:'\nvendor-dir: vendor\nref:\n" +
            $"- {{kind: registry, name: alpha, version: 0.2.0, sha: {shaA}}}\n- {{name: beta, version: 1.0.0, sha: {shaB}}}");

        Assert.False(source.IsFetched);
        await source.FetchAsync(default);
        Assert.True(source.IsFetched);
        Assert.True(File.Exists(Path.Combine(_context.SourceDirectory, "cargo2", shaA + ".crate")));
        var stage = _temp.Sub("stage");
        await source.StageAsync(stage, default);

        Assert.True(File.Exists(Path.Combine(stage, "vendor", "alpha-0.2.0", "src", "lib.rs")));
        var checksum = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(stage, "vendor", "beta-1.0.0", ".cargo-checksum.json")))!;
        Assert.Equal(shaB, checksum["package"]!.GetValue<string>());
        Assert.Empty(checksum["files"]!.AsObject());
        var config = await File.ReadAllTextAsync(Path.Combine(stage, ".cargo", "config.toml"));
        Assert.Contains("[source.crates-io]", config);
        Assert.Contains("replace-with = \"vendored-sources\"", config);
        Assert.Contains($"registry = \"{_registry.BaseUrl}\"", config);
        Assert.Contains("[source.vendored-sources]\ndirectory = \"vendor\"", config);
    }

    [Fact]
    public async Task FetchAsync_CrateDigestMismatch_KeepsNothingAndNamesBothDigests()
    {
        var actual = Publish("alpha", "0.2.0");
        var pinned = new string('f', 64);
        var source = Configure($"url: 'crates:'\nref:\n- {{name: alpha, version: 0.2.0, sha: {pinned}}}");

        var e = await Assert.ThrowsAsync<SourceException>(() => source.FetchAsync(default));

        Assert.Equal(ErrorReason.DigestMismatch, e.Reason);
        Assert.Contains(actual, e.Message);
        Assert.Contains(pinned, e.Message);
        Assert.Contains("alpha/alpha-0.2.0.crate", e.Message);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_context.SourceDirectory, "cargo2")));
    }

    [Fact]
    public async Task FetchAsync_ManyCrates_DownloadsEachOnce()
    {
        var entries = new StringBuilder("url: 'crates:'\nref:\n");
        for (var i = 0; i < 20; i++)
            entries.Append($"- {{name: c{i}, version: 1.0.{i}, sha: {Publish($"c{i}", $"1.0.{i}")}}}\n");
        var source = Configure(entries.ToString());

        await source.FetchAsync(default);
        await source.FetchAsync(default);

        Assert.True(source.IsFetched);
        Assert.Equal(20, _registry.Requests.Count);
        Assert.All(_registry.Requests.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task FetchAsync_MissingCrate_FailsSourceNotFound()
    {
        var source = Configure($"url: 'crates:'\nref:\n- {{name: ghost, version: 0.0.1, sha: {new string('a', 64)}}}");

        var e = await Assert.ThrowsAsync<SourceException>(() => source.FetchAsync(default));

        Assert.Equal(ErrorReason.SourceNotFound, e.Reason);
    }

    /// <summary>A git repository holding a workspace whose member <c>greet</c> inherits its version and a dependency.</summary>
    private (GitRepo Repo, string Commit) GitWorkspace()
    {
        var repo = new GitRepo(_temp.Sub("greet-repo"));
        var commit = repo.Commit("greet 0.3.0",
            ("Cargo.toml", "[workspace]\nmembers = [\"crates/greet\"]\n\n[workspace.package]\nversion = \"0.3.0\"\n" +
                "edition = \"2021\"\nlicense = \"MIT\"\n\n[workspace.dependencies]\ntinydep = \"0.1\"\n\n[workspace.lints.rust]\nunsafe_code = \"forbid\"\n"),
            ("crates/greet/Cargo.toml", "[package]\nname = \"greet\"\nversion.workspace = true\nedition.workspace = true\n" +
                "license.workspace = true\n\n[dependencies]\ntinydep = { workspace = true }\n\n[lints]\nworkspace = true\n"),
            ("crates/greet/src/lib.rs", "pub fn greeting() -> String { format!(\"hello {}\", tinydep::answer()) }\n"),
            ("README.md", "not a crate\n"));
        return (repo, commit);
    }

    [Fact]
    public async Task FetchAndStage_GitCrateInAWorkspace_VendorsTheFlattenedMemberAndPointsItsSourceAtTheVendorDir()
    {
        var (repo, commit) = GitWorkspace();
        var source = Configure($"ref:\n- {{kind: git, name: greet, version: 0.3.0, repo: '{repo.Url}', commit: {commit}, query: {{branch: main}}}}");

        Assert.False(source.IsFetched);
        await source.FetchAsync(default);
        Assert.True(source.IsFetched);
        var stage = _temp.Sub("stage");
        await source.StageAsync(stage, default);

        var vendored = Path.Combine(stage, "crates", "greet-0.3.0");
        var manifest = await File.ReadAllTextAsync(Path.Combine(vendored, "Cargo.toml"));
        Assert.Contains("version = \"0.3.0\"", manifest);
        Assert.Contains("edition = \"2021\"", manifest);
        Assert.Contains("tinydep = { version = \"0.1\" }", manifest);
        Assert.DoesNotContain("workspace", manifest);
        Assert.True(File.Exists(Path.Combine(vendored, "src", "lib.rs")));
        Assert.False(File.Exists(Path.Combine(vendored, "README.md"))); // only the member's directory
        var checksum = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(vendored, ".cargo-checksum.json")))!;
        Assert.Null(checksum["package"]);
        var config = await File.ReadAllTextAsync(Path.Combine(stage, ".cargo", "config.toml"));
        Assert.Contains($"[source.\"git+{repo.Url}?branch=main\"]\ngit = \"{repo.Url}\"\nbranch = \"main\"\nreplace-with = \"vendored-sources\"", config);
    }

    [Fact]
    public async Task StageAsync_GitCrateNotFetched_FailsMissingFileWithoutTouchingTheNetwork()
    {
        var (repo, commit) = GitWorkspace();
        var source = Configure($"ref:\n- {{kind: git, name: greet, version: 0.3.0, repo: '{repo.Url}', commit: {commit}}}");

        var e = await Assert.ThrowsAsync<SourceException>(() => source.StageAsync(_temp.Sub("stage"), default));

        Assert.Equal(ErrorReason.MissingFile, e.Reason);
    }

    [Fact]
    public async Task StageAsync_CommitWithoutThePackage_FailsInvalidDataNamingTheCrate()
    {
        var (repo, commit) = GitWorkspace();
        var source = Configure($"ref:\n- {{kind: git, name: other, version: 1.0.0, repo: '{repo.Url}', commit: {commit}}}");
        await source.FetchAsync(default);

        var e = await Assert.ThrowsAsync<SourceException>(() => source.StageAsync(_temp.Sub("stage"), default));

        Assert.Equal(ErrorReason.InvalidData, e.Reason);
        Assert.Contains("other", e.Message);
    }

    [Fact]
    public async Task StageAsync_DuplicateCrate_FailsInvalidData()
    {
        var sha = Publish("alpha", "0.2.0");
        var source = Configure($"url: 'crates:'\nref:\n- {{name: alpha, version: 0.2.0, sha: {sha}}}\n- {{name: alpha, version: 0.2.0, sha: {sha}}}");
        await source.FetchAsync(default);

        var e = await Assert.ThrowsAsync<SourceException>(() => source.StageAsync(_temp.Sub("stage"), default));

        Assert.Equal(ErrorReason.InvalidData, e.Reason);
    }

    [ToolFact("cargo")]
    public async Task TrackFetchStage_GitDependencyFromAWorkspace_ThenCargoBuildsOfflineAndLocked()
    {
        var sha = Publish("tinydep", "0.1.0");
        var (repo, commit) = GitWorkspace();
        var app = _temp.Sub("app-git");
        Directory.CreateDirectory(Path.Combine(app, "src"));
        await File.WriteAllTextAsync(Path.Combine(app, "Cargo.toml"),
            $"[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\ngreet = {{ git = \"{repo.Url}\", branch = \"main\" }}\n");
        await File.WriteAllTextAsync(Path.Combine(app, "src", "main.rs"), "fn main() { println!(\"{}\", greet::greeting()); }\n");
        await File.WriteAllTextAsync(Path.Combine(app, "Cargo.lock"),
            "version = 3\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\n \"greet\",\n]\n\n" +
            $"[[package]]\nname = \"greet\"\nversion = \"0.3.0\"\nsource = \"git+{repo.Url}?branch=main#{commit}\"\ndependencies = [\n \"tinydep\",\n]\n\n" +
            $"[[package]]\nname = \"tinydep\"\nversion = \"0.1.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"{sha}\"\n");

        var (exit, stdout, stderr) = await VendorAndRunAsync(app);
        Assert.True(exit == 0, stderr);
        Assert.Equal("hello 42", stdout.Trim());
    }

    /// <summary>Tracks the app's Cargo.lock, fetches and stages the crates into it, then <c>cargo run</c>s it offline and locked.</summary>
    private async Task<(int Exit, string Stdout, string Stderr)> VendorAndRunAsync(string app)
    {
        var tracked = await Configure("url: 'crates:'").TrackAsync(app, default);
        var source = Configure("url: 'crates:'\n" + RefYaml(tracked.NewRef!));
        await source.FetchAsync(default);
        await source.StageAsync(app, default);

        var cargo = new ProcessStartInfo("cargo") { WorkingDirectory = app, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "run", "--quiet", "--offline", "--locked" })
            cargo.ArgumentList.Add(argument);
        // A private cargo home: no user config and no registry or git cache can help the build.
        cargo.Environment["CARGO_HOME"] = _temp.Sub("cargo-home-" + Guid.NewGuid().ToString("N"));
        cargo.Environment["CARGO_TARGET_DIR"] = Path.Combine(_temp.Path, "target-" + Path.GetFileName(app));
        using var process = Process.Start(cargo)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, stdout, await stderr);
    }

    [ToolFact("cargo")]
    public async Task TrackFetchStage_ThenCargoBuildsOfflineAndLocked()
    {
        var sha = Publish("tinydep", "0.1.0");
        var app = _temp.Sub("app");
        Directory.CreateDirectory(Path.Combine(app, "src"));
        await File.WriteAllTextAsync(Path.Combine(app, "Cargo.toml"),
            "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\ntinydep = \"0.1\"\n");
        await File.WriteAllTextAsync(Path.Combine(app, "src", "main.rs"), "fn main() { println!(\"{}\", tinydep::answer()); }\n");
        await File.WriteAllTextAsync(Path.Combine(app, "Cargo.lock"), Lock(("tinydep", "0.1.0", sha)));

        var (exit, stdout, stderr) = await VendorAndRunAsync(app);
        Assert.True(exit == 0, stderr);
        Assert.Equal("42", stdout.Trim());
    }
}
