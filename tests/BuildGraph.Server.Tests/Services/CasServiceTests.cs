using BuildGraph.Protos.Reapi;
using BuildGraph.Remote;
using BuildGraph.Grpc;
using BuildGraph.Grpc.Services;
using Google.Protobuf;
using Digest = BuildGraph.Abstractions.Digest;
using ReapiDirectory = BuildGraph.Protos.Reapi.Directory;

namespace BuildGraph.Server.Tests.Services;

[Trait("Category", "Integration")]
public sealed class CasServiceTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GetCapabilities_Push_AdvertisesSha256BatchLimitAndUpdates()
    {
        var caps = await _server.Channel.UnaryAsync(CapabilitiesMethods.GetCapabilities, new GetCapabilitiesRequest { InstanceName = "any/thing" });
        Assert.Equal([DigestFunction.Types.Value.Sha256], caps.CacheCapabilities.DigestFunctions);
        Assert.True(caps.CacheCapabilities.ActionCacheUpdateCapabilities.UpdateEnabled);
        Assert.InRange(caps.CacheCapabilities.MaxBatchTotalSizeBytes, 1, 4 * 1024 * 1024 - 1);
        Assert.Equal(2, caps.LowApiVersion.Major);
        Assert.Equal(0, caps.LowApiVersion.Minor);
    }

    [Fact]
    public async Task FindMissingBlobs_EmptyBlob_IsNeverMissing()
    {
        var unknown = TestServer.Blob("unknown").Digest;
        var response = await _server.Channel.UnaryAsync(CasMethods.FindMissingBlobs,
            new FindMissingBlobsRequest { BlobDigests = { Digest.Empty.ToProto(), unknown.ToProto() } });
        Assert.Equal([unknown.ToProto()], response.MissingBlobDigests);
    }

    [Fact]
    public async Task FindMissingBlobs_MalformedDigest_IsInvalidArgument()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _server.Channel.UnaryAsync(CasMethods.FindMissingBlobs,
            new FindMissingBlobsRequest { BlobDigests = { new Protos.Reapi.Digest { Hash = "XYZ", SizeBytes = 1 } } }));
        Assert.Equal(StatusCode.InvalidArgument, e.Status);
    }

    [Fact]
    public async Task BatchUpdateThenRead_RoundTrips()
    {
        var (a, aBytes) = TestServer.Blob("alpha");
        var (b, _) = TestServer.Blob("never stored");
        await _server.UploadAsync(aBytes);
        var response = await _server.Channel.UnaryAsync(CasMethods.BatchReadBlobs,
            new BatchReadBlobsRequest { Digests = { a.ToProto(), b.ToProto(), Digest.Empty.ToProto() } });
        Assert.Equal("alpha", response.Responses[0].Data.ToStringUtf8());
        Assert.Equal((int)StatusCode.NotFound, response.Responses[1].Status.Code);
        Assert.Equal(0, response.Responses[2].Status.Code);
        var missing = await _server.Channel.UnaryAsync(CasMethods.FindMissingBlobs, new FindMissingBlobsRequest { BlobDigests = { a.ToProto() } });
        Assert.Empty(missing.MissingBlobDigests);
    }

    [Fact]
    public async Task BatchUpdateBlobs_DigestMismatch_IsInvalidArgumentAndNothingStored()
    {
        var claimed = TestServer.Blob("claimed").Digest;
        var response = await _server.Channel.UnaryAsync(CasMethods.BatchUpdateBlobs, new BatchUpdateBlobsRequest
        {
            Requests = { new BatchUpdateBlobsRequest.Types.Request { Digest = claimed.ToProto(), Data = ByteString.CopyFromUtf8("claimeD") } },
        });
        Assert.Equal((int)StatusCode.InvalidArgument, response.Responses[0].Status.Code);
        Assert.False(_server.Server.Store.Cas.Contains(claimed));
        Assert.False(_server.Server.Store.Cas.Contains(TestServer.Blob("claimeD").Digest));
    }

    [Fact]
    public async Task BatchReadBlobs_OverBatchLimit_IsInvalidArgument()
    {
        var big = new Digest(new string('a', 64), 8 * 1024 * 1024);
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            _server.Channel.UnaryAsync(CasMethods.BatchReadBlobs, new BatchReadBlobsRequest { Digests = { big.ToProto() } }));
        Assert.Equal(StatusCode.InvalidArgument, e.Status);
    }

    [Fact]
    public async Task GetTree_Paged_GivesTheWholeTreeOnce()
    {
        // root → d0..d4, each with a file; d0 → nested.
        var file = TestServer.Blob("file");
        var nested = new ReapiDirectory { Files = { new FileNode { Name = "n", Digest = file.Digest.ToProto() } } };
        var nestedBytes = nested.ToByteArray();
        var children = Enumerable.Range(0, 5).Select(i =>
        {
            var d = new ReapiDirectory { Files = { new FileNode { Name = $"f{i}", Digest = file.Digest.ToProto() } } };
            if (i == 0)
                d.Directories.Add(new DirectoryNode { Name = "nested", Digest = Digest.Of(nestedBytes).ToProto() });
            return d.ToByteArray();
        }).ToList();
        var root = new ReapiDirectory();
        for (var i = 0; i < children.Count; i++)
            root.Directories.Add(new DirectoryNode { Name = $"d{i}", Digest = Digest.Of(children[i]).ToProto() });
        var rootBytes = root.ToByteArray();
        await _server.UploadAsync([file.Bytes, nestedBytes, rootBytes, .. children]);

        var seen = new List<ReapiDirectory>();
        var token = "";
        var calls = 0;
        do
        {
            var pages = new List<GetTreeResponse>();
            await foreach (var page in _server.Channel.ServerStreamingAsync(CasMethods.GetTree,
                               new GetTreeRequest { RootDigest = Digest.Of(rootBytes).ToProto(), PageSize = 2, PageToken = token }))
                pages.Add(page);
            Assert.Single(pages);
            Assert.True(pages[0].Directories.Count <= 2);
            seen.AddRange(pages[0].Directories);
            token = pages[0].NextPageToken;
            calls++;
        }
        while (token.Length > 0 && calls < 10);
        Assert.Equal(7, seen.Count);
        Assert.Equal(root, seen[0]);
        Assert.Equal(7, seen.Select(d => Digest.Of(d.ToByteArray())).Distinct().Count());

        var unpaged = new List<ReapiDirectory>();
        await foreach (var page in _server.Channel.ServerStreamingAsync(CasMethods.GetTree,
                           new GetTreeRequest { RootDigest = Digest.Of(rootBytes).ToProto() }))
            unpaged.AddRange(page.Directories);
        Assert.Equal(seen, unpaged);
    }

    [Fact]
    public async Task GetTree_MissingRoot_IsNotFound()
    {
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in _server.Channel.ServerStreamingAsync(CasMethods.GetTree,
                               new GetTreeRequest { RootDigest = TestServer.Blob("no dir").Digest.ToProto() }))
            {
            }
        });
        Assert.Equal(StatusCode.NotFound, e.Status);
    }

    [Fact]
    public async Task UnknownService_IsUnimplemented()
    {
        var method = new RpcMethod<GetCapabilitiesRequest, ServerCapabilities>(MethodType.Unary,
            "build.bazel.remote.execution.v2.Execution", "Execute", GetCapabilitiesRequest.Parser, ServerCapabilities.Parser);
        var e = await Assert.ThrowsAsync<RpcException>(() => _server.Channel.UnaryAsync(method, new GetCapabilitiesRequest()));
        Assert.Equal(StatusCode.Unimplemented, e.Status);
    }
}
