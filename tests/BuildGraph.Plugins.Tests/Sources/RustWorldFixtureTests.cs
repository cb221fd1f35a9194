using BuildGraph.Abstractions;
using BuildGraph.Plugins.Tests.Sources.Support;
using BuildGraph.Testing;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests.Sources;

/// <summary>
/// git_repo then cargo2 on the rust-world fixture (shared/fixtures/rust-world), as an element tracks, fetches
/// and stages them: the repository moves from v0.1.0 to v0.2.0 and the lock gains two crates. Skips when
/// the fixture has not been generated (<c>$BGX_RUST_WORLD</c>, else <c>~/.cache/bgx/rust-world</c>).
/// </summary>
[Trait("Category", "Integration")]
public sealed class RustWorldFixtureTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Root => Environment.GetEnvironmentVariable("BGX_RUST_WORLD") is { Length: > 0 } given ? given
        : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "bgx", "rust-world");

    private static Dictionary<string, string> Facts() =>
        File.ReadAllLines(Path.Combine(Root, "fixture.env"))
            .Where(l => l.Contains('=') && !l.StartsWith('#'))
            .ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..].Trim('"'));

    [RustWorldFact]
    public async Task TrackFetchStage_FromV010ToV020_MovesTheTagAndAddsTwoCrates()
    {
        var facts = Facts();
        var context = new FakeSourceContext { SourceDirectory = Path.Combine(_temp.Path, "sources") };
        context.Aliases["fixture"] = new Uri(Root).AbsoluteUri + "/";
        context.Aliases["crates"] = new Uri(Path.Combine(Root, "crates")).AbsoluteUri + "/";
        var repo = KindTest.ConfigureSource("git_repo",
            $"url: fixture:repos/hello-service.git\ntrack: 'v*'\nref-format: git-describe\nref: {facts["RW_V1_REF"]}", context);

        var tracked = await repo.TrackAsync(null, default);

        Assert.Equal(facts["RW_V2_REF"], Assert.IsType<ScalarNode>(tracked.NewRef).Value);
        Assert.NotEmpty(tracked.Changes);
        var v2 = KindTest.ConfigureSource("git_repo", $"url: fixture:repos/hello-service.git\nref: {facts["RW_V2_REF"]}", context);
        await v2.FetchAsync(default);
        var stage = _temp.Sub("stage");
        await v2.StageAsync(stage, default);
        Assert.Equal(facts["RW_V2_REF"], GitRepo.In(stage, "describe", "--tags", "--abbrev=40", "--long"));

        var crates = await KindTest.ConfigureSource("cargo2", "url: 'crates:'\nvendor-dir: vendor", context).TrackAsync(stage, default);
        var entries = Assert.IsType<SequenceNode>(crates.NewRef).Items.Cast<MappingNode>().ToList();
        Assert.Equal(8, entries.Count);
        Assert.Equal(["add form_urlencoded 1.1.0", "add percent-encoding 2.2.0"],
            crates.Changes.Where(c => c.Contains("form_urlencoded") || c.Contains("percent-encoding")).Order());
        var manifest = File.ReadAllLines(Path.Combine(Root, "crates", "manifest.tsv"))
            .Select(l => l.Split('\t')).Where(p => p.Length > 2).ToDictionary(p => $"{p[0]} {p[1]}", p => p[2]);
        Assert.All(entries, e => Assert.Equal(manifest[$"{e.GetString("name")} {e.GetString("version")}"], e.GetString("sha")));

        var refYaml = string.Join("", YamlWriter.Write(crates.NewRef!).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "  " + l + "\n"));
        var vendored = KindTest.ConfigureSource("cargo2", "url: 'crates:'\nvendor-dir: vendor\nref:\n" + refYaml, context);
        await vendored.FetchAsync(default);
        await vendored.StageAsync(stage, default);
        Assert.True(File.Exists(Path.Combine(stage, "vendor", "tiny_http-0.12.0", "Cargo.toml")));
        Assert.True(File.Exists(Path.Combine(stage, ".cargo", "config.toml")));
    }

    /// <summary>Skips unless the fixture has been generated.</summary>
    private sealed class RustWorldFactAttribute : FactAttribute
    {
        public RustWorldFactAttribute()
        {
            if (!File.Exists(Path.Combine(Root, "fixture.env")))
                Skip = $"the rust-world fixture is not generated in {Root} (bash shared/fixtures/rust-world/generate.sh {Root})";
            else if (!ToolFactAttribute.OnPath("git"))
                Skip = "needs git on PATH";
        }
    }
}
