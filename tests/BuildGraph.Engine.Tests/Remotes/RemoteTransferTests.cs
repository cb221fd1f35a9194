using System.Collections.Concurrent;
using System.Text;
using BuildGraph.Engine.Artifacts;
using BuildGraph.Engine.Building;
using BuildGraph.Engine.Graph;
using BuildGraph.Engine.Remotes;
using BuildGraph.Protos.BuildStream;

namespace BuildGraph.Engine.Tests.Remotes;

/// <summary>Pushing and pulling artifacts through <see cref="RemoteCaches"/>, against an in-memory remote.</summary>
public sealed class RemoteTransferTests : IDisposable
{
    private readonly TestProject _project = TestProject.Empty();
    private readonly ConcurrentQueue<BuildMessage> _messages = new();
    private readonly BuildSession _session;
    private readonly Element _a;
    private readonly Element _b;
    private readonly ArtifactCache _artifacts;
    private readonly FakeRemoteCache _remote;
    private readonly RemoteCaches _remotes;

    public RemoteTransferTests()
    {
        _project.Write("project.conf", "name: remotes\nmin-version: 2.0\nelement-path: elements\nartifacts:\n- url: http://fake:1\n  push: true\n");
        _project.Write("elements/a.bst", "kind: stack\n");
        _project.Write("elements/b.bst", "kind: stack\ndescription: another\n");
        _session = _project.Open();
        var graph = _session.Load(["a.bst", "b.bst"]);
        (_a, _b) = (graph.Targets[0], graph.Targets[1]);
        _artifacts = OpenCache(_project.CacheDirectory);
        _remote = new FakeRemoteCache(_session.Project.ArtifactRemotes[0], _artifacts.Cas);
        _remotes = new RemoteCaches(_session.UserConfig, _ => _remote);
    }

    public void Dispose()
    {
        _remotes.Dispose();
        _project.Dispose();
    }

    [Fact]
    public async Task Push_BlobsFirst_IndexEntryLast_ThenAlreadyThere()
    {
        await CommitAsync(_a);

        Assert.Equal(TransferResult.Done, await PushAsync(_a));

        Assert.Equal(["Probe", "FetchBlob", "UploadTree", "Upload", "PushBlob"], _remote.Calls);
        Assert.Contains(Urn(_a), _remote.Index.Keys);
        Assert.Single(_messages, m => m.Event == BuildEvent.Pushed && m.Element == _a);
        Assert.Equal(TransferResult.Skipped, await PushAsync(_a));
    }

    [Fact]
    public async Task Push_UploadRefused_NoIndexEntryOneWarningAndNoMoreTries()
    {
        await CommitAsync(_a);
        await CommitAsync(_b);
        _remote.RefuseUploads = true;

        Assert.Equal(TransferResult.Failed, await PushAsync(_a));
        Assert.Equal(TransferResult.Failed, await PushAsync(_b));

        Assert.Empty(_remote.Index);
        Assert.Single(_messages, m => m.Event == BuildEvent.Warning);
        Assert.Equal(1, _remote.Calls.Count(c => c == "UploadTree"));
        Assert.DoesNotContain("PushBlob", _remote.Calls);
    }

    [Fact]
    public async Task Push_CancelledMidUpload_NoIndexEntry()
    {
        await CommitAsync(_a);
        _remote.HoldUploads = new TaskCompletionSource();
        using var cancel = new CancellationTokenSource();

        var push = _remotes.PushArtifactAsync(_a, _artifacts, _messages.Enqueue, cancel.Token);
        while (!_remote.Calls.Contains("UploadTree"))
            await Task.Delay(10);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => push);
        Assert.Empty(_remote.Index);
        Assert.DoesNotContain("PushBlob", _remote.Calls);
    }

    [Fact]
    public async Task Pull_FreshCache_GetsTheSameArtifactAndItsFiles()
    {
        var files = await CommitAsync(_a);
        await PushAsync(_a);
        var fresh = OpenCache(Path.Combine(_project.CacheDirectory, "fresh"));
        _remote.Local = fresh.Cas;

        Assert.Equal(TransferResult.Done, await _remotes.PullArtifactAsync(_a, fresh, _messages.Enqueue, CancellationToken.None));

        Assert.Equal(_artifacts.TryGet(_a), fresh.TryGet(_a));
        Assert.True(await fresh.IsCompleteAsync(_a, CancellationToken.None));
        var checkout = Path.Combine(_project.CacheDirectory, "checkout");
        await fresh.Cas.CheckoutAsync(files, checkout, useHardlinks: false, CancellationToken.None);
        Assert.Equal("payload of a", File.ReadAllText(Path.Combine(checkout, "usr", "a.txt")));
        Assert.Equal(TransferResult.Skipped, await _remotes.PullArtifactAsync(_b, fresh, _messages.Enqueue, CancellationToken.None));
    }

    [Fact]
    public async Task Pull_BlobMissingOnRemote_CommitsNothingAndWarns()
    {
        var files = await CommitAsync(_a);
        await PushAsync(_a);
        var file = Assert.Single(_remote.Blobs.Keys, d => Encoding.UTF8.GetString(_remote.Blobs[d]) == "payload of a");
        _remote.Blobs.TryRemove(file, out _);
        var fresh = OpenCache(Path.Combine(_project.CacheDirectory, "fresh"));
        _remote.Local = fresh.Cas;

        Assert.Equal(TransferResult.Failed, await _remotes.PullArtifactAsync(_a, fresh, _messages.Enqueue, CancellationToken.None));

        Assert.Null(fresh.TryGet(_a));
        Assert.Single(_messages, m => m.Event == BuildEvent.Warning && m.Element == _a);
    }

    [Fact]
    public async Task RemoteDown_OneWarningForTheSession_NothingFails()
    {
        await CommitAsync(_a);
        _remote.Down = true;

        Assert.Equal(TransferResult.Failed, await PushAsync(_a));
        Assert.Equal(TransferResult.Failed, await _remotes.PullArtifactAsync(_b, _artifacts, _messages.Enqueue, CancellationToken.None));
        Assert.Equal(TransferResult.Failed, await PushAsync(_a));

        Assert.Single(_messages, m => m.Event == BuildEvent.Warning);
        Assert.Equal(["Probe"], _remote.Calls);
    }

    private Task<TransferResult> PushAsync(Element element) =>
        _remotes.PushArtifactAsync(element, _artifacts, _messages.Enqueue, CancellationToken.None);

    private static string Urn(Element element) => RemoteAssetNames.Artifact(ArtifactNames.Of(element, element.CacheKey!));

    private static ArtifactCache OpenCache(string directory) => new(directory, LocalTreeStore.ForCacheDirectory(directory));

    /// <summary>Commits an artifact of <paramref name="element"/> with a small files tree, public data and a log; returns the tree.</summary>
    private async Task<BuildGraph.Abstractions.Digest> CommitAsync(Element element)
    {
        var input = Path.Combine(_project.CacheDirectory, "input-" + element.Name);
        Directory.CreateDirectory(Path.Combine(input, "usr"));
        File.WriteAllText(Path.Combine(input, "usr", $"{element.Name[..^4]}.txt"), $"payload of {element.Name[..^4]}");
        var files = await _artifacts.Cas.ImportDirectoryAsync(input, CancellationToken.None);
        var artifact = new Artifact
        {
            Version = 1,
            BuildSuccess = true,
            StrongKey = element.CacheKey,
            WeakKey = element.WeakKey ?? "",
            Files = files.ToProto(),
            PublicData = (await _artifacts.Cas.PutBytesAsync("public: {}\n"u8.ToArray(), CancellationToken.None)).ToProto(),
            LowDiversityMeta = (await _artifacts.Cas.PutBytesAsync("env: {}\n"u8.ToArray(), CancellationToken.None)).ToProto(),
        };
        artifact.Logs.Add(new Artifact.Types.LogFile
        {
            Name = "build.log",
            Digest = (await _artifacts.Cas.PutBytesAsync(Encoding.UTF8.GetBytes($"log of {element.Name}"), CancellationToken.None)).ToProto(),
        });
        _artifacts.Commit(element, artifact);
        return files;
    }
}
