using BuildGraph.Plugins.Sources;

namespace BuildGraph.Plugins.Tests.Sources;

public class GitSubmoduleUrlTests
{
    [Theory]
    [InlineData("https://h.example/a/b.git", "../c.git", "https://h.example/a/c.git")]
    [InlineData("https://h.example/a/b.git/", "./sub", "https://h.example/a/b.git/sub")]
    [InlineData("github:org/repo.git", "../other.git", "github:org/other.git")]
    [InlineData("up:repo", "../lib", "up:lib")]
    [InlineData("github:org/repo.git", "https://elsewhere.example/x.git", "https://elsewhere.example/x.git")]
    public void Resolve_RelativeUrl_IsRelativeToTheParentAsWritten(string parent, string url, string expected)
    {
        Assert.Equal(expected, GitSubmodules.Resolve(parent, url));
    }

    [Theory]
    [InlineData("github:org/x", true)]
    [InlineData("https://example.org/x", false)]
    [InlineData("file:///tmp/x", false)]
    [InlineData("/tmp/x", false)]
    [InlineData("git@github.com:org/x.git", false)]
    public void IsAliased_TellsAliasesFromSchemesAndPaths(string url, bool aliased)
    {
        Assert.Equal(aliased, GitMirror.IsAliased(url));
    }
}
