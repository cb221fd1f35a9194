using BuildGraph.Abstractions;
using BuildGraph.Plugins.Tests.Sources.Support;
using BuildGraph.Testing;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests.Sources;

/// <summary>The git source against real repositories made with the git CLI.</summary>
[Trait("Category", "Integration")]
public sealed class GitFetchTests() : UpstreamGitTests("git")
{
    [ToolFact("git")]
    public async Task FetchAsync_ThenStage_ChecksOutTheCommitWithoutDotGit()
    {
        var first = Upstream.Commit("first", ("README", "one\n"), ("src/main.c", "int main;\n"));
        Upstream.Commit("second", ("README", "two\n"));
        var source = Configure($"ref: {first}");

        Assert.False(source.IsFetched);
        await source.FetchAsync(default);
        Assert.True(source.IsFetched);
        var stage = Temp.Sub("stage");
        await source.StageAsync(stage, default);

        Assert.Equal("one\n", await File.ReadAllTextAsync(Path.Combine(stage, "README")));
        Assert.True(File.Exists(Path.Combine(stage, "src", "main.c")));
        Assert.False(Directory.Exists(Path.Combine(stage, ".git")));
    }

    [ToolFact("git")]
    public async Task FetchAsync_OneMirrorPerUrl_IsABareRepositoryNamedAfterTheUrl()
    {
        var commit = Upstream.Commit("first", ("a", "a"));

        await Configure($"ref: {commit}").FetchAsync(default);

        var mirrors = Directory.GetDirectories(Path.Combine(Context.SourceDirectory, "git"));
        var mirror = Assert.Single(mirrors);
        Assert.StartsWith("file____", Path.GetFileName(mirror));
        Assert.True(File.Exists(Path.Combine(mirror, "HEAD")));
    }

    [ToolFact("git")]
    public async Task FetchAsync_UnknownCommit_FailsSourceNotFound()
    {
        Upstream.Commit("first", ("a", "a"));
        var source = Configure($"ref: {new string('0', 40)}");

        var e = await Assert.ThrowsAsync<SourceException>(() => source.FetchAsync(default));

        Assert.Equal(ErrorReason.SourceNotFound, e.Reason);
        Assert.False(source.IsFetched);
    }

    [ToolFact("git")]
    public async Task FetchAsync_NoRepositoryAtTheUrl_FailsSourceNotFound()
    {
        var source = KindTest.ConfigureSource("git", $"url: up:nothing-here\nref: {new string('1', 40)}", Context);

        var e = await Assert.ThrowsAsync<SourceException>(() => source.FetchAsync(default));

        Assert.Equal(ErrorReason.SourceNotFound, e.Reason);
    }

    [ToolFact("git")]
    public async Task StageAsync_NotFetched_FailsMissingFile()
    {
        var commit = Upstream.Commit("first", ("a", "a"));

        var e = await Assert.ThrowsAsync<SourceException>(() => Configure($"ref: {commit}").StageAsync(Temp.Sub("stage"), default));

        Assert.Equal(ErrorReason.MissingFile, e.Reason);
    }

    [ToolFact("git")]
    public async Task TrackAsync_Branch_GivesTheNewTipAndTheSubjectsSinceTheOldRef()
    {
        var old = Upstream.Commit("first", ("a", "1"));
        Upstream.Commit("second", ("a", "2"));
        var tip = Upstream.Commit("third", ("a", "3"));
        var source = Configure($"track: main\nref: {old}");

        var result = await source.TrackAsync(null, default);

        Assert.Equal(tip, Assert.IsType<ScalarNode>(result.NewRef).Value);
        Assert.Equal(["third", "second"], result.Changes);
    }

    [ToolFact("git")]
    public async Task TrackAsync_GitDescribeFormat_DescribesFromTheNearestTag()
    {
        Upstream.Commit("first", ("a", "1"));
        Upstream.Tag("v1.0", annotated: true);
        Upstream.Commit("second", ("a", "2"));
        var tip = Upstream.Commit("third", ("a", "3"));
        var source = Configure("track: main\nref-format: git-describe");

        var result = await source.TrackAsync(null, default);

        Assert.Equal($"v1.0-2-g{tip}", Assert.IsType<ScalarNode>(result.NewRef).Value);
        Assert.Empty(result.Changes);
    }

    [ToolFact("git")]
    public async Task TrackAsync_LightweightTag_ResolvesToItsCommit()
    {
        var tagged = Upstream.Commit("first", ("a", "1"));
        Upstream.Tag("v2", annotated: false);
        Upstream.Commit("later", ("a", "2"));

        var result = await Configure("track: v2").TrackAsync(null, default);

        Assert.Equal(tagged, Assert.IsType<ScalarNode>(result.NewRef).Value);
    }

    [ToolFact("git")]
    public async Task TrackAsync_UnknownBranch_FailsSourceNotFound()
    {
        Upstream.Commit("first", ("a", "1"));

        var e = await Assert.ThrowsAsync<SourceException>(() => Configure("track: no-such-branch").TrackAsync(null, default));

        Assert.Equal(ErrorReason.SourceNotFound, e.Reason);
    }

    [ToolFact("git")]
    public async Task TrackAsync_NoTrack_FailsMissingKey()
    {
        var commit = Upstream.Commit("first", ("a", "1"));

        var e = await Assert.ThrowsAsync<SourceException>(() => Configure($"ref: {commit}").TrackAsync(null, default));

        Assert.Equal(ErrorReason.MissingKey, e.Reason);
    }

    [ToolFact("git")]
    public async Task FetchAndStage_Submodule_IsCheckedOutRecursively()
    {
        var library = new GitRepo(Path.Combine(Temp.Path, "library"));
        library.Commit("lib", ("lib.h", "#define LIB 1\n"));
        Upstream.Commit("first", ("main.c", "#include \"lib/lib.h\"\n"));
        Upstream.Git("-c", "protocol.file.allow=always", "submodule", "add", "--quiet", "../library", "lib");
        var commit = Upstream.Commit("add the library");
        var source = Configure($"ref: {commit}");

        await source.FetchAsync(default);
        Assert.True(source.IsFetched);
        var stage = Temp.Sub("stage");
        await source.StageAsync(stage, default);

        Assert.Equal("#define LIB 1\n", await File.ReadAllTextAsync(Path.Combine(stage, "lib", "lib.h")));
        Assert.Equal(2, Directory.GetDirectories(Path.Combine(Context.SourceDirectory, "git")).Length);
    }

    [ToolFact("git")]
    public async Task StageAsync_SubmoduleCheckoutDisabled_LeavesItsDirectoryEmpty()
    {
        var library = new GitRepo(Path.Combine(Temp.Path, "library"));
        library.Commit("lib", ("lib.h", "x"));
        Upstream.Commit("first", ("main.c", "x"));
        Upstream.Git("-c", "protocol.file.allow=always", "submodule", "add", "--quiet", "../library", "lib");
        var commit = Upstream.Commit("add the library");
        var source = Configure($"ref: {commit}\ncheckout-submodules: false");

        await source.FetchAsync(default);
        var stage = Temp.Sub("stage");
        await source.StageAsync(stage, default);

        Assert.False(File.Exists(Path.Combine(stage, "lib", "lib.h")));
        Assert.Single(Directory.GetDirectories(Path.Combine(Context.SourceDirectory, "git")));
    }

    [ToolFact("git")]
    public async Task StageAsync_WithTags_BuildsADotGitWhereDescribeWorks()
    {
        var tagged = Upstream.Commit("first", ("a", "1"));
        Upstream.Tag("v3.0", annotated: true);
        Upstream.Commit("second", ("a", "2"));
        var tip = Upstream.Commit("third", ("a", "3"));
        var source = Configure($"ref: {tip}\ntags:\n- tag: v3.0\n  commit: {tagged}\n  annotated: true");

        await source.FetchAsync(default);
        var stage = Temp.Sub("stage");
        await source.StageAsync(stage, default);

        Assert.Equal("3", await File.ReadAllTextAsync(Path.Combine(stage, "a")));
        Assert.Equal("v3.0-2-g" + tip[..7], GitRepo.In(stage, "describe", "--tags", "--abbrev=7"));
    }

    [ToolFact("git")]
    public async Task FetchAsync_RefNamingABranch_FailsInvalidSourceRefAtTheRef()
    {
        Upstream.Commit("first", ("a", "1"));
        var source = Configure("ref: main");

        var e = await Assert.ThrowsAsync<SourceException>(() => source.FetchAsync(default));

        KindTest.AssertAt(e, ErrorReason.InvalidSourceRef, 2, 6);
        Assert.False(source.IsFetched);
    }
}
