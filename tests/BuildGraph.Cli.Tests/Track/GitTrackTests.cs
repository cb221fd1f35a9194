using System.Text.Json;
using System.Text.RegularExpressions;
using BuildGraph.Testing;

namespace BuildGraph.Cli.Tests.Track;

/// <summary>
/// End to end with real git repositories made in the test: a new upstream commit or tag, then
/// <c>bgx source track</c> bumps the ref in place, and <c>bgx show</c>'s key changes.
/// </summary>
[Trait("Category", "Integration")]
public sealed class GitTrackTests
{
    /// <summary>Continues project.conf's aliases (crates are never downloaded: the locks carry checksums).</summary>
    private const string CratesAlias = "  crates: https://static.crates.io/\n";

    private const string GitDescribe = "sources:\n  git_repo:\n    config:\n      ref-format: git-describe\n";

    [GitFact]
    public void Track_GitRepoNewTag_BumpsTheRefInPlaceAndTheKey()
    {
        using var project = TrackProject.Create(GitDescribe);
        var upstream = new GitRepo(Path.Combine(project.Upstream, "tool"));
        var v1 = upstream.Commit("Release 1.0", ("VERSION", "1.0\n"));
        upstream.Tag("v1.0", annotated: true);
        const string element = "kind: import\n\n# The tool, from its release tags.\nsources:\n" +
            "- kind: git_repo\n  url: upstream:tool   # mirrored\n  track: 'v*'\n\nconfig:\n  source: /\n";
        project.Write("elements/tool.bst", element);

        project.Track("tool.bst").AssertSuccess();
        var first = element.Replace("  track: 'v*'\n", $"  track: 'v*'\n  ref: v1.0-0-g{v1}\n", StringComparison.Ordinal);
        Assert.Equal(first, project.Read("elements/tool.bst"));
        var key = project.Key("tool.bst");

        upstream.Commit("Fix the frobnicator");
        var v11 = upstream.Commit("Release 1.1", ("VERSION", "1.1\n"));
        upstream.Tag("v1.1", annotated: true);
        var report = Path.Combine(project.Upstream, "..", "report.json");
        var result = project.Track("--report", report, "tool.bst").AssertSuccess();

        Assert.Equal(first.Replace($"v1.0-0-g{v1}", $"v1.1-0-g{v11}", StringComparison.Ordinal), project.Read("elements/tool.bst"));
        Assert.NotEqual(key, project.Key("tool.bst"));
        Assert.Contains("    Fix the frobnicator", result.Stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var source = json.RootElement.GetProperty("elements")[0].GetProperty("sources")[0];
        Assert.Equal("upstream:tool", source.GetProperty("url").GetString());
        Assert.Equal($"v1.0-0-g{v1}", source.GetProperty("old-ref").GetString());
        Assert.Equal($"v1.1-0-g{v11}", source.GetProperty("new-ref").GetString());
        Assert.Equal(new[] { "Release 1.1", "Fix the frobnicator" }, source.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
    }

    [GitFact]
    public void Track_GitBranch_BumpsTheRefAndCheckSeesNothingAfterwards()
    {
        using var project = TrackProject.Create();
        var upstream = new GitRepo(Path.Combine(project.Upstream, "lib"));
        var old = upstream.Commit("Initial import", ("lib.c", "int x;\n"));
        var text = $"kind: import\nsources:\n- kind: git\n  url: upstream:lib\n  track: main\n  ref: \"{old}\"\n";
        project.Write("elements/lib.bst", text);
        project.Track("--check", "lib.bst").AssertSuccess();

        var next = upstream.Commit("Add y", ("lib.c", "int x, y;\n"));
        Assert.Equal(ExitCodes.Changed, project.Track("--check", "lib.bst").ExitCode);
        project.Track("lib.bst").AssertSuccess();

        Assert.Equal(text.Replace(old, next, StringComparison.Ordinal), project.Read("elements/lib.bst"));
        project.Track("--check", "lib.bst").AssertSuccess();
    }

    [GitFact]
    public void Track_GitWithTrackTags_WritesTheNearestTagsBesideTheRefAndTheBuildSeesThem()
    {
        using var project = TrackProject.Create();
        var upstream = new GitRepo(Path.Combine(project.Upstream, "lib"));
        var tagged = upstream.Commit("Release 2.0", ("lib.c", "int x;\n"));
        upstream.Tag("v2.0", annotated: true);
        var head = upstream.Commit("Work after 2.0", ("lib.c", "int x, y;\n"));
        const string text = "kind: import\nsources:\n- kind: git\n  url: upstream:lib   # the library\n  track: main\n  track-tags: true\n";
        project.Write("elements/lib.bst", text);

        project.Track("lib.bst").AssertSuccess();

        // Quoted like every scalar bgx writes that YAML could read as another type; BuildStream reads it as true.
        var expected = text + $"  ref: {head}\n  tags:\n  - tag: v2.0\n    commit: {tagged}\n    annotated: 'true'\n";
        Assert.Equal(expected, project.Read("elements/lib.bst"));
        project.Track("--check", "lib.bst").AssertSuccess(); // the tags are part of what was tracked
        var tagsInKey = project.Key("lib.bst");
        project.Write("elements/lib.bst", expected.Replace("    annotated: 'true'\n", "    annotated: 'false'\n", StringComparison.Ordinal));
        Assert.NotEqual(tagsInKey, project.Key("lib.bst"));
    }

    [GitFact]
    public void Track_GitWithTrackTagsAndProjectRefs_StoresRefAndTagsInProjectRefsAndLoadsThemBack()
    {
        using var project = TrackProject.Create("ref-storage: project.refs\n");
        var upstream = new GitRepo(Path.Combine(project.Upstream, "lib"));
        var tagged = upstream.Commit("Release 3.0", ("lib.c", "int x;\n"));
        upstream.Tag("v3.0", annotated: true);
        project.Write("elements/lib.bst", "kind: import\nsources:\n- kind: git\n  url: upstream:lib\n  track: main\n  track-tags: true\n");

        project.Track("lib.bst").AssertSuccess();

        Assert.Equal($"projects:\n  demo:\n    lib.bst:\n    - ref: {tagged}\n      tags:\n      - tag: v3.0\n        commit: {tagged}\n" +
            "        annotated: 'true'\n", project.Read("project.refs"));
        project.Track("--check", "lib.bst").AssertSuccess(); // read back: nothing would change
    }

    [GitFact]
    public void Track_GitSourceWithoutTrack_FailsAtTheSourceAndLeavesTheFile()
    {
        using var project = TrackProject.Create();
        var upstream = new GitRepo(Path.Combine(project.Upstream, "lib"));
        var sha = upstream.Commit("Initial import", ("lib.c", "int x;\n"));
        var text = $"kind: import\nsources:\n- kind: git\n  url: upstream:lib\n  ref: {sha}\n";
        project.Write("elements/lib.bst", text);

        var result = project.Track("lib.bst").AssertUserError();

        Assert.Matches(new Regex(@"^error: elements/lib\.bst \[line 3 column 3\]: "), result.Stderr);
        Assert.Equal(text, project.Read("elements/lib.bst"));
    }

    [GitFact]
    public void Track_Cargo2AfterGitRepo_ReadsTheLockOfTheNewTag()
    {
        using var project = TrackProject.Create(CratesAlias + GitDescribe);
        var upstream = new GitRepo(Path.Combine(project.Upstream, "app"));
        var v1 = upstream.Commit("Release 1.0", ("Cargo.lock", Lock(("itoa", "1.0.10", Sha('a')))));
        upstream.Tag("v1.0", annotated: true);
        var element = "kind: manual\n\nsources:\n- kind: git_repo\n  url: upstream:app\n  track: 'v*'\n" +
            $"  ref: v1.0-0-g{v1}\n- kind: cargo2\n  url: crates:crates/\n  ref:\n  - kind: registry\n    name: itoa\n    version: 1.0.10\n" +
            $"    sha: {Sha('a')}\n\n# Built offline from the vendored crates.\nconfig:\n  build-commands:\n  - cargo build --offline\n";
        project.Write("elements/app.bst", element);
        project.Track("--check", "app.bst").AssertSuccess();

        var v11 = upstream.Commit("Release 1.1", ("Cargo.lock", Lock(("itoa", "1.0.11", Sha('b')), ("ryu", "1.0.18", Sha('c')))));
        upstream.Tag("v1.1", annotated: true);
        var result = project.Track("app.bst").AssertSuccess();

        var expected = element.Replace($"v1.0-0-g{v1}", $"v1.1-0-g{v11}", StringComparison.Ordinal)
            .Replace($"    version: 1.0.10\n    sha: {Sha('a')}\n",
                $"    version: 1.0.11\n    sha: {Sha('b')}\n  - kind: registry\n    name: ryu\n    version: 1.0.18\n    sha: {Sha('c')}\n",
                StringComparison.Ordinal);
        Assert.Equal(expected, project.Read("elements/app.bst"));
        Assert.Contains("add ryu 1.0.18", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Track_Cargo2WithFlowItems_RegeneratesTheListInTheSameStyle()
    {
        using var project = TrackProject.Create(CratesAlias);
        project.Write("files/app/Cargo.lock", Lock(("itoa", "1.0.11", Sha('b')), ("ryu", "1.0.18", Sha('c'))));
        var element = "kind: manual\nsources:\n  - kind: local\n    path: files/app\n  - kind: cargo2\n    url: crates:crates/\n    ref:\n" +
            $"      - {{kind: registry, name: itoa, version: 1.0.10, sha: {Sha('a')}}}\n    # vendored into crates/\n";
        project.Write("elements/app.bst", element);

        project.Track("app.bst").AssertSuccess();

        Assert.Equal("kind: manual\nsources:\n  - kind: local\n    path: files/app\n  - kind: cargo2\n    url: crates:crates/\n    ref:\n" +
            $"      - {{kind: registry, name: itoa, version: 1.0.11, sha: {Sha('b')}}}\n" +
            $"      - {{kind: registry, name: ryu, version: 1.0.18, sha: {Sha('c')}}}\n    # vendored into crates/\n",
            project.Read("elements/app.bst"));
    }

    private static string Sha(char c) => new(c, 64);

    private static string Lock(params (string Name, string Version, string Sha)[] crates) =>
        "# This file is automatically @generated by Cargo.\nversion = 3\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\n" +
        string.Concat(crates.Select(c =>
            $"\n[[package]]\nname = \"{c.Name}\"\nversion = \"{c.Version}\"\n" +
            $"source = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"{c.Sha}\"\n"));
}
