using BuildGraph.Protos.Asset;
using BuildGraph.Remote;
using BuildGraph.Grpc;
using BuildGraph.Grpc.Services;
using Google.Protobuf;
using Digest = BuildGraph.Abstractions.Digest;

namespace BuildGraph.Server.Tests.Services;

[Trait("Category", "Integration")]
public sealed class AssetServiceTests : IAsyncLifetime
{
    private const string Urn = "urn:fdc:buildstream.build:2020:artifact:proj/hello/abc123";
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EmptyRequests_AreInvalidArgument_AsBuildStreamProbesExpect()
    {
        var fetch = await Assert.ThrowsAsync<RpcException>(() => _server.Channel.UnaryAsync(AssetMethods.FetchBlob, new FetchBlobRequest { InstanceName = "x" }));
        var fetchDir = await Assert.ThrowsAsync<RpcException>(() => _server.Channel.UnaryAsync(AssetMethods.FetchDirectory, new FetchDirectoryRequest()));
        var push = await Assert.ThrowsAsync<RpcException>(() => _server.Channel.UnaryAsync(AssetMethods.PushBlob, new PushBlobRequest()));
        var pushDir = await Assert.ThrowsAsync<RpcException>(() => _server.Channel.UnaryAsync(AssetMethods.PushDirectory, new PushDirectoryRequest()));
        Assert.All(new[] { fetch, fetchDir, push, pushDir }, e => Assert.Equal(StatusCode.InvalidArgument, e.Status));
    }

    [Fact]
    public async Task PushBlobThenFetch_WithQualifiers_MatchesExactly()
    {
        var (digest, bytes) = TestServer.Blob("artifact proto");
        var referenced = TestServer.Blob("log");
        await _server.UploadAsync(bytes, referenced.Bytes);
        await _server.Channel.UnaryAsync(AssetMethods.PushBlob, new PushBlobRequest
        {
            InstanceName = "main", Uris = { Urn }, BlobDigest = digest.ToProto(), ReferencesBlobs = { referenced.Digest.ToProto() },
            Qualifiers = { new Qualifier { Name = "b", Value = "2" }, new Qualifier { Name = "a", Value = "1" } },
        });

        var hit = await _server.Channel.UnaryAsync(AssetMethods.FetchBlob, new FetchBlobRequest
        {
            InstanceName = "main", Uris = { "urn:other", Urn },
            Qualifiers = { new Qualifier { Name = "a", Value = "1" }, new Qualifier { Name = "b", Value = "2" } },
        });
        Assert.Equal(0, hit.Status.Code);
        Assert.Equal(Urn, hit.Uri);
        Assert.Equal(digest.ToProto(), hit.BlobDigest);

        var otherQualifiers = await _server.Channel.UnaryAsync(AssetMethods.FetchBlob,
            new FetchBlobRequest { InstanceName = "main", Uris = { Urn }, Qualifiers = { new Qualifier { Name = "a", Value = "1" } } });
        Assert.Equal((int)StatusCode.NotFound, otherQualifiers.Status.Code);
        var otherInstance = await _server.Channel.UnaryAsync(AssetMethods.FetchBlob, new FetchBlobRequest { Uris = { Urn } });
        Assert.Equal((int)StatusCode.NotFound, otherInstance.Status.Code);
    }

    [Fact]
    public async Task PushDirectoryThenFetch_RoundTrips()
    {
        var file = TestServer.Blob("content");
        var directory = new Protos.Reapi.Directory { Files = { new Protos.Reapi.FileNode { Name = "f", Digest = file.Digest.ToProto() } } };
        var directoryBytes = directory.ToByteArray();
        await _server.UploadAsync(file.Bytes, directoryBytes);
        var root = Digest.Of(directoryBytes).ToProto();
        await _server.Channel.UnaryAsync(AssetMethods.PushDirectory, new PushDirectoryRequest { Uris = { "urn:source:1" }, RootDirectoryDigest = root });
        var hit = await _server.Channel.UnaryAsync(AssetMethods.FetchDirectory, new FetchDirectoryRequest { Uris = { "urn:source:1" } });
        Assert.Equal(0, hit.Status.Code);
        Assert.Equal(root, hit.RootDirectoryDigest);
    }

    [Fact]
    public async Task PushDirectory_FileMissingFromTree_IsFailedPrecondition()
    {
        var directory = new Protos.Reapi.Directory { Files = { new Protos.Reapi.FileNode { Name = "f", Digest = TestServer.Blob("gone").Digest.ToProto() } } };
        var directoryBytes = directory.ToByteArray();
        await _server.UploadAsync(directoryBytes);
        var e = await Assert.ThrowsAsync<RpcException>(() => _server.Channel.UnaryAsync(AssetMethods.PushDirectory,
            new PushDirectoryRequest { Uris = { "urn:x" }, RootDirectoryDigest = Digest.Of(directoryBytes).ToProto() }));
        Assert.Equal(StatusCode.FailedPrecondition, e.Status);
    }

    [Fact]
    public async Task FetchBlob_Expired_IsNotFound()
    {
        var (digest, bytes) = TestServer.Blob("old");
        await _server.UploadAsync(bytes);
        await _server.Channel.UnaryAsync(AssetMethods.PushBlob, new PushBlobRequest
        {
            Uris = { "urn:old" }, BlobDigest = digest.ToProto(),
            ExpireAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow.AddMinutes(-1)),
        });
        var miss = await _server.Channel.UnaryAsync(AssetMethods.FetchBlob, new FetchBlobRequest { Uris = { "urn:old" } });
        Assert.Equal((int)StatusCode.NotFound, miss.Status.Code);
    }
}
