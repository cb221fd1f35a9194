using BuildGraph.Abstractions;
using BuildGraph.Plugins.Tests.Sources.Support;
using BuildGraph.Testing;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests.Sources;

/// <summary>git_repo against real repositories: glob tracking by version order, exclude, shallow staging.</summary>
[Trait("Category", "Integration")]
public sealed class GitRepoFetchTests() : UpstreamGitTests("git_repo")
{
    /// <summary>Tags v0.9.0 (annotated), v0.10.0 (annotated), v0.11.0-rc1 (light) and a branch release-1.0.</summary>
    private (string V09, string V010, string Rc) Releases()
    {
        var v09 = Upstream.Commit("release 0.9", ("VERSION", "0.9.0"));
        Upstream.Tag("v0.9.0", annotated: true);
        var v010 = Upstream.Commit("release 0.10", ("VERSION", "0.10.0"));
        Upstream.Tag("v0.10.0", annotated: true);
        var rc = Upstream.Commit("release 0.11 rc1", ("VERSION", "0.11.0-rc1"));
        Upstream.Tag("v0.11.0-rc1", annotated: false);
        Upstream.Git("branch", "release-1.0");
        return (v09, v010, rc);
    }

    [ToolFact("git")]
    public async Task TrackAsync_Glob_PicksTheGreatestVersionNotTheGreatestString()
    {
        var (_, v010, _) = Releases();

        var result = await Configure("track: 'v0.[0-9]*.0'\nref-format: git-describe").TrackAsync(null, default);

        Assert.Equal($"v0.10.0-0-g{v010}", Assert.IsType<ScalarNode>(result.NewRef).Value);
    }

    [ToolFact("git")]
    public async Task TrackAsync_Exclude_DropsMatchingTags()
    {
        var (_, v010, rc) = Releases();

        var all = await Configure("track: 'v*'").TrackAsync(null, default);
        var excluded = await Configure("track: 'v*'\nexclude: ['*-rc*']").TrackAsync(null, default);

        Assert.Equal(rc, Assert.IsType<ScalarNode>(all.NewRef).Value);
        Assert.Equal(v010, Assert.IsType<ScalarNode>(excluded.NewRef).Value);
    }

    [ToolFact("git")]
    public async Task TrackAsync_AnnotatedTagSha1Format_IsThePeeledCommit()
    {
        var (v09, _, _) = Releases();

        var result = await Configure("track: v0.9.0").TrackAsync(null, default);

        Assert.Equal(v09, Assert.IsType<ScalarNode>(result.NewRef).Value);
    }

    [ToolFact("git")]
    public async Task TrackAsync_FromAnOldRef_ListsTheSubjectsBetween()
    {
        var (v09, _, _) = Releases();

        var result = await Configure($"track: 'v*'\nref: v0.9.0-0-g{v09}").TrackAsync(null, default);

        Assert.Equal(["release 0.11 rc1", "release 0.10"], result.Changes);
    }

    [ToolFact("git")]
    public async Task TrackAsync_BranchGlobInGitDescribeFormat_DescribesTheBranchTip()
    {
        Releases();
        var tip = Upstream.Commit("after the rc", ("VERSION", "dev"));
        Upstream.Git("branch", "--force", "release-1.0");

        var result = await Configure("track: 'refs/heads/release-*'\nref-format: git-describe").TrackAsync(null, default);

        Assert.Equal($"v0.11.0-rc1-1-g{tip}", Assert.IsType<ScalarNode>(result.NewRef).Value);
    }

    [ToolFact("git")]
    public async Task TrackAsync_NothingMatches_FailsSourceNotFound()
    {
        Releases();

        var e = await Assert.ThrowsAsync<SourceException>(() => Configure("track: 'v9*'").TrackAsync(null, default));

        Assert.Equal(ErrorReason.SourceNotFound, e.Reason);
    }

    [ToolFact("git")]
    public async Task StageAsync_DescribeRef_MakesAShallowRepositoryWhereDescribeGivesTheRefBack()
    {
        Releases();
        Upstream.Commit("one more", ("a", "1"));
        var tip = Upstream.Commit("and another", ("a", "2"));
        var gitRef = $"v0.11.0-rc1-2-g{tip}";
        var source = Configure($"ref: {gitRef}");

        Assert.False(source.IsFetched);
        await source.FetchAsync(default);
        Assert.True(source.IsFetched);
        var stage = Temp.Sub("stage");
        await source.StageAsync(stage, default);

        Assert.Equal(gitRef, GitRepo.In(stage, "describe", "--tags", "--abbrev=40", "--long"));
        Assert.Equal(tip, GitRepo.In(stage, "rev-parse", "HEAD"));
        Assert.Equal("true", GitRepo.In(stage, "rev-parse", "--is-shallow-repository"));
        Assert.Equal("3", GitRepo.In(stage, "rev-list", "--count", "HEAD"));
        Assert.Equal("", GitRepo.In(stage, "status", "--porcelain"));
    }

    [ToolFact("git")]
    public async Task StageAsync_ShaRef_HasOnlyThatCommit()
    {
        var (_, v010, _) = Releases();
        var source = Configure($"ref: {v010}");

        await source.FetchAsync(default);
        var stage = Temp.Sub("stage");
        await source.StageAsync(stage, default);

        Assert.Equal("0.10.0", await File.ReadAllTextAsync(Path.Combine(stage, "VERSION")));
        Assert.Equal("1", GitRepo.In(stage, "rev-list", "--count", "HEAD"));
    }

    [ToolFact("git")]
    public async Task FetchAsync_UnknownCommit_FailsSourceNotFound()
    {
        Releases();

        var e = await Assert.ThrowsAsync<SourceException>(() => Configure($"ref: v0.9.0-0-g{new string('e', 40)}").FetchAsync(default));

        Assert.Equal(ErrorReason.SourceNotFound, e.Reason);
    }
}
