using BuildGraph.Abstractions;
using BuildGraph.Cas;
using BuildGraph.Grpc;

namespace BuildGraph.Remote.Tests.Clients;

[Trait("Category", "Integration")]
public sealed class AssetClientTests : IAsyncLifetime
{
    private ClientTestContext _context = null!;

    public async Task InitializeAsync() => _context = await ClientTestContext.StartAsync();

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void ArtifactUrn_IsBuildStreams() =>
        Assert.Equal("urn:fdc:buildstream.build:2020:artifact:demo/core-hello/0123abcd",
            AssetClient.ArtifactUrn("demo", AssetClient.NormalName("core/hello.bst"), "0123abcd"));

    [Fact]
    public async Task PushBlobThenFetch_ArtifactWithFiles_RoundTrips()
    {
        var host = _context.WriteTree("artifact", new Dictionary<string, byte[]> { ["usr/bin/hello"] = "#!/bin/sh\n"u8.ToArray() });
        var files = await _context.Source.ImportAsync(host, ImportMode.Copy, CancellationToken.None);
        var proto = await _context.Source.Cas.PutBytesAsync("artifact proto bytes"u8.ToArray(), CancellationToken.None);
        var cas = _context.CasClient("main");
        await cas.UploadTreeAsync(_context.Source, files, CancellationToken.None);
        await cas.UploadAsync(_context.Source.Cas, [proto], CancellationToken.None);

        var assets = new AssetClient(_context.Channel, "main");
        var urn = AssetClient.ArtifactUrn("demo", "hello", "k1");
        Assert.Null(await assets.FetchBlobAsync([urn], CancellationToken.None));
        await assets.PushBlobAsync([urn], proto, [], [files], CancellationToken.None);
        Assert.Equal(proto, await assets.FetchBlobAsync([urn], CancellationToken.None));
        Assert.Null(await new AssetClient(_context.Channel, "other").FetchBlobAsync([urn], CancellationToken.None));
    }

    [Fact]
    public async Task PushDirectoryThenFetch_RoundTrips()
    {
        var host = _context.WriteTree("source", new Dictionary<string, byte[]> { ["src/main.c"] = "int main(){}"u8.ToArray() });
        var root = await _context.Source.ImportAsync(host, ImportMode.Copy, CancellationToken.None);
        await _context.CasClient().UploadTreeAsync(_context.Source, root, CancellationToken.None);
        var assets = new AssetClient(_context.Channel);
        await assets.PushDirectoryAsync(["urn:fdc:buildstream.build:2020:source:abc"], root, [], [], CancellationToken.None);
        Assert.Equal(root, await assets.FetchDirectoryAsync(["urn:fdc:buildstream.build:2020:source:abc"], CancellationToken.None));
    }

    [Fact]
    public async Task PushBlob_ReferencedBlobsNotUploaded_IsFailedPrecondition()
    {
        var assets = new AssetClient(_context.Channel);
        var e = await Assert.ThrowsAsync<RemoteException>(() =>
            assets.PushBlobAsync(["urn:x"], Digest.Of("not uploaded"u8), [], [], CancellationToken.None));
        Assert.Equal(StatusCode.FailedPrecondition, e.Status);
    }
}
