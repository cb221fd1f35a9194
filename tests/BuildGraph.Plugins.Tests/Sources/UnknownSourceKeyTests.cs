using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests.Sources;

public class UnknownSourceKeyTests
{
    public static TheoryData<string, string> MinimalSources() => new()
    {
        { "local", "path: files" },
        { "tar", "url: files:a.tar.gz" },
        { "remote", "url: files:a.bin" },
        { "patch", "path: patches/a.patch" },
        { "patch_queue", "path: patches" },
        { "git", "url: github:a/b.git\ntrack: main" },
        { "git_repo", "url: github:a/b.git" },
        { "cargo2", "ref: []" },
    };

    [Fact]
    public void MinimalSources_CoverEveryBuiltinSourceKind()
    {
        Assert.Equal(BuiltinKinds.Sources.Keys.Order(StringComparer.Ordinal),
            MinimalSources().Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(MinimalSources))]
    public void Configure_MinimalConfig_Succeeds(string kind, string yaml)
    {
        var source = KindTest.ConfigureSource(kind, yaml);

        Assert.Equal(kind is "local" or "patch" or "patch_queue" or "cargo2", source.IsResolved);
    }

    [Theory]
    [MemberData(nameof(MinimalSources))]
    public void Configure_UnknownKey_FailsAtTheKey(string kind, string yaml)
    {
        var text = "bogus: 1\n" + yaml;

        var e = Assert.Throws<LoadException>(() => KindTest.ConfigureSource(kind, text));

        KindTest.AssertAt(e, ErrorReason.UnexpectedKey, 1, 1);
    }

    [Theory]
    [InlineData("tar", "url: nowhere:a.tar.gz")]
    [InlineData("remote", "url: nowhere:a.bin")]
    [InlineData("git", "url: nowhere:a.git")]
    [InlineData("git_repo", "url: nowhere:a.git")]
    [InlineData("cargo2", "url: nowhere:crates")]
    public void Configure_UndeclaredAlias_FailsAtTheUrl(string kind, string yaml)
    {
        var text = "track: main\n" + yaml;
        if (kind is "tar" or "remote" or "cargo2")
            text = yaml;

        var e = Assert.Throws<LoadException>(() => KindTest.ConfigureSource(kind, text));

        Assert.Equal(ErrorReason.InvalidData, e.Reason);
        Assert.Equal(text.StartsWith("track") ? 2 : 1, e.Provenance!.Value.Line);
        Assert.Equal(6, e.Provenance!.Value.Column);
    }
}
