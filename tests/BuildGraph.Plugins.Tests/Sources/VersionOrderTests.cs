using BuildGraph.Plugins.Sources;

namespace BuildGraph.Plugins.Tests.Sources;

public class VersionOrderTests
{
    [Theory]
    [InlineData("v0.9.0", "v0.10.0")]
    [InlineData("1.2", "1.2.1")]
    [InlineData("1.9", "1.10")]
    [InlineData("1.0a", "1.0.1")]
    [InlineData("release-2", "release-10")]
    [InlineData("v1.007", "v1.8")]
    public void Compare_Lesser_IsBeforeGreater(string lesser, string greater)
    {
        Assert.True(VersionOrder.Instance.Compare(lesser, greater) < 0);
        Assert.True(VersionOrder.Instance.Compare(greater, lesser) > 0);
    }

    [Fact]
    public void Compare_SeparatorsOnly_AreIgnoredButStillOrderedDeterministically()
    {
        Assert.NotEqual(0, VersionOrder.Instance.Compare("1.0", "1-0"));
        Assert.Equal(0, VersionOrder.Instance.Compare("1.0", "1.0"));
    }

    [Fact]
    public void Matching_GlobAndExclude_SortsGreatestFirstAndPeelsAnnotatedTags()
    {
        var listing = new KeyValuePair<string, string>[]
        {
            new("aaaa", "HEAD"),
            new("1111", "refs/heads/main"),
            new("2222", "refs/tags/v0.9.0"),
            new("3333", "refs/tags/v0.10.0"),
            new("4444", "refs/tags/v0.10.0^{}"),
            new("5555", "refs/tags/v0.10.0-beta"),
            new("6666", "refs/pull/1/head"),
        };

        var matches = GitRemoteRef.Matching(listing, "v*", ["*-beta"]);

        Assert.Equal(["v0.10.0", "v0.9.0"], matches.Select(m => m.Name));
        Assert.Equal("4444", matches[0].Commit);
        Assert.True(matches[0].IsTag);
    }

    [Fact]
    public void Matching_FullRefGlob_SeesFullNames()
    {
        var listing = new KeyValuePair<string, string>[] { new("1", "refs/heads/v1"), new("2", "refs/tags/v1") };

        var matches = GitRemoteRef.Matching(listing, "refs/heads/*", []);

        Assert.False(Assert.Single(matches).IsTag);
    }
}
