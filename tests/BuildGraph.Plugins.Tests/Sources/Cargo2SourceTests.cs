using System.Text.Json.Nodes;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests.Sources;

public class Cargo2SourceTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";

    [Fact]
    public void GetUniqueKey_RegistryAndGitCrates_NormalisedWithDefaults()
    {
        var source = KindTest.ConfigureSource("cargo2", $"""
            ref:
            - name: itoa
              version: 1.0.11
              sha: {Sha}
            - kind: registry
              name: ryu
              version: '1.0'
              sha: {Sha}
            - kind: git
              name: gix
              version: 0.1.0
              repo: https://github.com/x/gix
              commit: {Commit}
              query:
                branch: main
            """);

        var expected = JsonNode.Parse($$$"""
            ["https://static.crates.io/crates", "Cargo.lock", "crates",
             [{"kind": "registry", "name": "itoa", "version": "1.0.11", "sha": "{{{Sha}}}"},
              {"kind": "registry", "name": "ryu", "version": "1.0", "sha": "{{{Sha}}}"},
              {"kind": "git", "name": "gix", "version": "0.1.0", "repo": "https://github.com/x/gix",
               "commit": "{{{Commit}}}", "query": {"branch": "main"}}],
             "x"]
            """);
        Assert.True(JsonNode.DeepEquals(expected, source.GetUniqueKey()), source.GetUniqueKey().ToJsonString());
        Assert.True(source.IsResolved);
        Assert.IsType<SequenceNode>(source.Ref);
    }

    [Fact]
    public void IsResolved_RegistryCrateWithoutSha_IsFalse()
    {
        var source = KindTest.ConfigureSource("cargo2", "ref:\n- name: itoa\n  version: 1.0.11");

        Assert.False(source.IsResolved);
    }

    [Fact]
    public void IsResolved_NoRef_IsTrueWithNoCrates()
    {
        var source = KindTest.ConfigureSource("cargo2", "url: 'crates:'");

        Assert.True(source.IsResolved);
        Assert.Null(source.Ref);
        Assert.Empty(source.GetUniqueKey()[3]!.AsArray());
    }

    [Theory]
    [InlineData("- version: 1.0\n  sha: " + Sha, ErrorReason.MissingKey, 2, 3)]
    [InlineData("- name: itoa\n  version: 1.0\n  sha: ABC", ErrorReason.InvalidSourceRef, 4, 8)]
    [InlineData("- name: itoa\n  version: 1.0\n  checksum: " + Sha, ErrorReason.UnexpectedKey, 4, 3)]
    [InlineData("- kind: path\n  name: itoa\n  version: 1.0", ErrorReason.InvalidData, 2, 9)]
    [InlineData("- kind: git\n  name: gix\n  version: 0.1\n  repo: https://x/gix\n  commit: main", ErrorReason.InvalidSourceRef, 6, 11)]
    [InlineData("- kind: git\n  name: gix\n  version: 0.1\n  commit: " + Commit, ErrorReason.MissingKey, 2, 3)]
    [InlineData("- itoa-1.0.11", ErrorReason.InvalidSourceRef, 2, 3)]
    public void Configure_MalformedCrateEntry_FailsAtTheEntry(string entries, ErrorReason reason, int line, int column)
    {
        var e = Assert.Throws<LoadException>(() => KindTest.ConfigureSource("cargo2", "ref:\n" + entries));

        KindTest.AssertAt(e, reason, line, column);
    }

    [Fact]
    public void Configure_UrlWithoutSlash_TranslatesWithSlashButKeysAsWritten()
    {
        var context = new FakeSourceContext();

        var source = KindTest.ConfigureSource("cargo2", "url: https://mirror.example/crates\nvendor-dir: vendor\ncargo-lock: sub/Cargo.lock\nref: []", context);

        Assert.Equal("https://mirror.example/crates/", context.Translated[0].Url);
        var key = source.GetUniqueKey();
        Assert.Equal("https://mirror.example/crates", key[0]!.GetValue<string>());
        Assert.Equal("sub/Cargo.lock", key[1]!.GetValue<string>());
        Assert.Equal("vendor", key[2]!.GetValue<string>());
    }

    [Fact]
    public void Configure_GitCrate_TranslatesRepoAndItsMirror()
    {
        var context = new FakeSourceContext();

        KindTest.ConfigureSource("cargo2", $"""
            git-mirrors:
              https://gitlab.com: 'github:'
              https://gitlab.com/group/special: https://example.org/special
            ref:
            - kind: git
              name: gix
              version: 0.1.0
              repo: https://gitlab.com/group/special/gix
              commit: {Commit}
            """, context);

        Assert.Equal(
            ["https://static.crates.io/crates/", "https://gitlab.com/group/special/gix", "https://example.org/special/gix"],
            context.Translated.Select(t => t.Url));
    }

    [Fact]
    public void Configure_GitCrateRepoWithUndeclaredAlias_FailsAtTheRepo()
    {
        var e = Assert.Throws<LoadException>(() => KindTest.ConfigureSource("cargo2",
            $"ref:\n- kind: git\n  name: gix\n  version: 0.1.0\n  repo: nowhere:gix\n  commit: {Commit}"));

        KindTest.AssertAt(e, ErrorReason.InvalidData, 5, 9);
    }
}
