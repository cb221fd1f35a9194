using System.Text.Json.Nodes;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests.Sources;

public class GitRepoSourceTests
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";

    [Theory]
    [InlineData(Commit)]
    [InlineData("v1.4-0-g" + Commit)]
    [InlineData("release-3.0-12-g" + Commit)]
    [InlineData("1.2.3-rc1-7-g" + Commit)]
    public void Configure_WellFormedRef_IsResolved(string gitRef)
    {
        var source = KindTest.ConfigureSource("git_repo", $"url: github:a/b.git\nref: {gitRef}");

        Assert.True(source.IsResolved);
        Assert.Equal(gitRef, Assert.IsType<ScalarNode>(source.Ref).Value);
    }

    [Theory]
    [InlineData("0123456")]
    [InlineData("v1.4")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF01234567")]
    [InlineData(Commit + "0")]
    [InlineData("v1.4-g" + Commit)]
    [InlineData("v1.4-x-g" + Commit)]
    [InlineData("-0-g" + Commit)]
    [InlineData("main")]
    public void Configure_MalformedRef_FailsAtTheRef(string gitRef)
    {
        var e = Assert.Throws<LoadException>(() =>
            KindTest.ConfigureSource("git_repo", $"url: github:a/b.git\nref: '{gitRef}'"));

        KindTest.AssertAt(e, ErrorReason.InvalidSourceRef, 2, 6);
    }

    [Fact]
    public void GetUniqueKey_Ref_IsFullRefWithBugfixMarker()
    {
        var key = KindTest.ConfigureSource("git_repo", $"url: github:a/b.git\nref: v1.4-0-g{Commit}\ntrack: v*").GetUniqueKey();

        var expected = JsonNode.Parse($$"""{"ref": "v1.4-0-g{{Commit}}", "bugfix": 1}""");
        Assert.True(JsonNode.DeepEquals(expected, key), key.ToJsonString());
    }

    [Fact]
    public void GetUniqueKey_ReformattedRef_Differs()
    {
        var plain = KindTest.ConfigureSource("git_repo", $"url: github:a/b.git\nref: {Commit}").GetUniqueKey();
        var described = KindTest.ConfigureSource("git_repo", $"url: github:a/b.git\nref: v1-0-g{Commit}").GetUniqueKey();

        Assert.False(JsonNode.DeepEquals(plain, described));
    }

    [Fact]
    public void GetUniqueKey_GuessPattern_EntersWhenNoVersion()
    {
        var key = KindTest.ConfigureSource("git_repo", $"url: github:a/b.git\nref: {Commit}\nversion-guess-pattern: 'v(\\d+)'").GetUniqueKey();

        Assert.Equal("v(\\d+)", key["version-guess-pattern"]!.GetValue<string>());
    }

    [Fact]
    public void GetUniqueKey_UrlAlias_IsNotPartOfIt()
    {
        var key = KindTest.ConfigureSource("git_repo", $"url: github:a/b.git\nref: {Commit}").GetUniqueKey();
        var other = KindTest.ConfigureSource("git_repo", $"url: https://example.org/b.git\nref: {Commit}").GetUniqueKey();

        Assert.True(JsonNode.DeepEquals(key, other));
    }

    [Fact]
    public void Configure_ExcludeNotAList_FailsAtTheValue()
    {
        var e = Assert.Throws<LoadException>(() => KindTest.ConfigureSource("git_repo", "url: github:a/b.git\nexclude: v1"));

        KindTest.AssertAt(e, ErrorReason.InvalidData, 2, 10);
    }
}
