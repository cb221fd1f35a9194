using System.Text;
using BuildGraph.Abstractions;
using BuildGraph.Plugins.Tests.Sources.Support;
using BuildGraph.Testing;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests.Sources;

/// <summary>remote and tar against a loopback HTTP server: download, verification, retries, staging.</summary>
[Trait("Category", "Integration")]
public sealed class DownloadFetchTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly LoopbackHttpServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    private FakeSourceContext Context(int retries = 0)
    {
        var context = new FakeSourceContext { SourceDirectory = Path.Combine(_temp.Path, "sources"), NetworkRetries = retries };
        context.Aliases["dl"] = _server.BaseUrl;
        return context;
    }

    private string Serve(string path, byte[] content)
    {
        _server.Files["/" + path] = content;
        return TestArchives.Sha256(content);
    }

    [Fact]
    public async Task FetchAsync_Remote_StoresTheFileUnderItsShaAndStagesItExecutable()
    {
        var sha = Serve("tool-1.0", Encoding.UTF8.GetBytes("#!/bin/sh\necho hi\n"));
        var context = Context();
        var source = KindTest.ConfigureSource("remote", $"url: dl:tool-1.0\nref: {sha}\nfilename: tool\nexecutable: true", context);

        Assert.False(source.IsFetched);
        await source.FetchAsync(default);
        Assert.True(source.IsFetched);
        Assert.True(File.Exists(Path.Combine(context.SourceDirectory, "remote", sha)));
        var stage = _temp.Sub("stage");
        await source.StageAsync(stage, default);

        var staged = Path.Combine(stage, "tool");
        Assert.Equal("#!/bin/sh\necho hi\n", await File.ReadAllTextAsync(staged));
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(staged));
    }

    [Fact]
    public async Task StageAsync_RemoteDefaults_UsesTheUrlBasenameAndMode0644()
    {
        var sha = Serve("data.txt", Encoding.UTF8.GetBytes("data"));
        var source = KindTest.ConfigureSource("remote", $"url: dl:data.txt\nref: {sha}", Context());
        await source.FetchAsync(default);
        var stage = _temp.Sub("stage");

        await source.StageAsync(stage, default);

        Assert.Equal((UnixFileMode)0x1A4, File.GetUnixFileMode(Path.Combine(stage, "data.txt")));
    }

    [Fact]
    public async Task FetchAsync_DigestMismatch_KeepsNothingAndNamesBothDigests()
    {
        var actual = Serve("a.tar.gz", Encoding.UTF8.GetBytes("not what was pinned"));
        var expected = new string('a', 64);
        var context = Context();
        var source = KindTest.ConfigureSource("tar", $"url: dl:a.tar.gz\nref: {expected}", context);

        var e = await Assert.ThrowsAsync<SourceException>(() => source.FetchAsync(default));

        KindTest.AssertAt(e, ErrorReason.DigestMismatch, 2, 6);
        Assert.Contains(actual, e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Contains(_server.BaseUrl + "a.tar.gz", e.Message);
        Assert.Contains(context.ElementName, e.Message);
        Assert.False(e.IsTransient);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(context.SourceDirectory, "tar")));
        Assert.False(source.IsFetched);
    }

    [Fact]
    public async Task FetchAsync_NotFound_IsSourceNotFoundAndNotRetried()
    {
        var source = KindTest.ConfigureSource("remote", $"url: dl:missing\nref: {new string('b', 64)}", Context(retries: 3));

        var e = await Assert.ThrowsAsync<SourceException>(() => source.FetchAsync(default));

        Assert.Equal(ErrorReason.SourceNotFound, e.Reason);
        Assert.False(e.IsTransient);
        Assert.Equal(1, _server.Requests["/missing"]);
    }

    [Fact]
    public async Task FetchAsync_UnreachableHost_IsATransientNetworkError()
    {
        var context = Context(retries: 1);
        context.Aliases["gone"] = LoopbackHttpServer.UnreachableUrl();
        var source = KindTest.ConfigureSource("remote", $"url: gone:file\nref: {new string('c', 64)}", context);

        var e = await Assert.ThrowsAsync<SourceException>(() => source.FetchAsync(default));

        Assert.Equal(ErrorReason.NetworkError, e.Reason);
        Assert.True(e.IsTransient);
    }

    [Fact]
    public async Task FetchAsync_ServerFailsOnce_RetriesAndSucceeds()
    {
        var sha = Serve("flaky", Encoding.UTF8.GetBytes("eventually"));
        _server.Failures["/flaky"] = (503, 1);
        var source = KindTest.ConfigureSource("remote", $"url: dl:flaky\nref: {sha}", Context(retries: 2));

        await source.FetchAsync(default);

        Assert.True(source.IsFetched);
        Assert.Equal(2, _server.Requests["/flaky"]);
    }

    [Fact]
    public async Task FetchAsync_ServerErrorWithoutRetries_FailsTransient()
    {
        var sha = Serve("flaky", Encoding.UTF8.GetBytes("eventually"));
        _server.Failures["/flaky"] = (500, 1);
        var source = KindTest.ConfigureSource("remote", $"url: dl:flaky\nref: {sha}", Context(retries: 0));

        var e = await Assert.ThrowsAsync<SourceException>(() => source.FetchAsync(default));

        Assert.Equal(ErrorReason.NetworkError, e.Reason);
        Assert.True(e.IsTransient);
        Assert.False(source.IsFetched);
    }

    [Fact]
    public async Task FetchAsync_MirrorWithoutTheFile_FallsBackToTheAlias()
    {
        var sha = Serve("upstream/f", Encoding.UTF8.GetBytes("content"));
        var context = Context();
        context.Aliases["up"] = _server.BaseUrl + "upstream/";
        context.Mirrors["up"] = [_server.BaseUrl + "mirror/"];
        var source = KindTest.ConfigureSource("remote", $"url: up:f\nref: {sha}", context);

        await source.FetchAsync(default);

        Assert.Equal(1, _server.Requests["/mirror/f"]);
        Assert.True(source.IsFetched);
    }

    [Fact]
    public async Task StageAsync_NotFetched_FailsMissingFileWithoutNetwork()
    {
        var sha = Serve("f", Encoding.UTF8.GetBytes("x"));
        var source = KindTest.ConfigureSource("remote", $"url: dl:f\nref: {sha}", Context());

        var e = await Assert.ThrowsAsync<SourceException>(() => source.StageAsync(_temp.Sub("stage"), default));

        Assert.Equal(ErrorReason.MissingFile, e.Reason);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task TrackAsync_Tar_ReturnsTheSha256AndWarnsWhenItChanged()
    {
        var sha = Serve("a.tar.gz", new TestArchives().File("a/x", "1").TarGz());
        var context = Context();
        var source = KindTest.ConfigureSource("tar", $"url: dl:a.tar.gz\nref: {new string('d', 64)}", context);

        var result = await source.TrackAsync(null, default);

        Assert.Equal(sha, Assert.IsType<ScalarNode>(result.NewRef).Value);
        Assert.Single(context.Warnings);
        // The tracked download is kept: the new ref needs no second fetch.
        Assert.True(KindTest.ConfigureSource("tar", $"url: dl:a.tar.gz\nref: {sha}", context).IsFetched);
    }

    [Fact]
    public async Task TrackAsync_TarWithoutRef_ReturnsTheShaWithoutWarning()
    {
        var sha = Serve("a.tar.gz", new TestArchives().File("a/x", "1").TarGz());
        var context = Context();
        var source = KindTest.ConfigureSource("tar", "url: dl:a.tar.gz", context);

        var result = await source.TrackAsync(null, default);

        Assert.Equal(sha, Assert.IsType<ScalarNode>(result.NewRef).Value);
        Assert.Empty(context.Warnings);
    }

    [Fact]
    public async Task FetchAsync_RefNotASha256_FailsInvalidSourceRefAtTheRef()
    {
        var source = KindTest.ConfigureSource("remote", "url: dl:f\nref: ../../etc/passwd", Context());

        var e = await Assert.ThrowsAsync<SourceException>(() => source.FetchAsync(default));

        KindTest.AssertAt(e, ErrorReason.InvalidSourceRef, 2, 6);
        Assert.False(source.IsFetched);
        Assert.Empty(_server.Requests);
    }
}
