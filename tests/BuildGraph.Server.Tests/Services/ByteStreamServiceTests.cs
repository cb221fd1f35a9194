using BuildGraph.Protos.ByteStream;
using BuildGraph.Grpc;
using BuildGraph.Grpc.Services;

namespace BuildGraph.Server.Tests.Services;

[Trait("Category", "Integration")]
public sealed class ByteStreamServiceTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task WriteThenRead_LargeBlob_RoundTrips()
    {
        var (digest, bytes) = TestServer.Blob(TestServer.RandomBytes(5 * 1024 * 1024 + 17, 1));
        Assert.Equal(bytes.Length, await _server.WriteAsync(TestServer.UploadName(digest), bytes, chunk: 1024 * 1024));
        Assert.Equal(bytes, await _server.ReadAsync(TestServer.BlobName(digest)));
    }

    [Fact]
    public async Task Read_OffsetAndLimit_ReturnsTheSlice()
    {
        var (digest, bytes) = TestServer.Blob(TestServer.RandomBytes(3 * 1024 * 1024, 2));
        await _server.WriteAsync(TestServer.UploadName(digest), bytes);
        Assert.Equal(bytes[1000..1500], await _server.ReadAsync(TestServer.BlobName(digest), offset: 1000, limit: 500));
        Assert.Equal(bytes[(2 * 1024 * 1024)..], await _server.ReadAsync(TestServer.BlobName(digest), offset: 2 * 1024 * 1024));
        Assert.Empty(await _server.ReadAsync(TestServer.BlobName(digest), offset: bytes.Length));
    }

    [Fact]
    public async Task Read_OffsetBeyondBlob_IsOutOfRange()
    {
        var (digest, bytes) = TestServer.Blob("short");
        await _server.UploadAsync(bytes);
        var e = await Assert.ThrowsAsync<RpcException>(() => _server.ReadAsync(TestServer.BlobName(digest), offset: 6));
        Assert.Equal(StatusCode.OutOfRange, e.Status);
    }

    [Fact]
    public async Task Read_UnknownBlob_IsNotFound()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _server.ReadAsync(TestServer.BlobName(TestServer.Blob("nope").Digest)));
        Assert.Equal(StatusCode.NotFound, e.Status);
    }

    [Fact]
    public async Task Read_EmptyBlob_IsAlwaysThere() =>
        Assert.Empty(await _server.ReadAsync(TestServer.BlobName(Abstractions.Digest.Empty)));

    [Theory]
    [InlineData("blobs/abc/1")]
    [InlineData("uploads/u/blobs/" + "0000000000000000000000000000000000000000000000000000000000000000/1")]
    [InlineData("")]
    public async Task Read_BadResourceName_IsInvalidArgument(string name)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _server.ReadAsync(name));
        Assert.Equal(StatusCode.InvalidArgument, e.Status);
    }

    [Fact]
    public async Task Write_DigestMismatch_IsInvalidArgumentAndNothingStored()
    {
        var (digest, bytes) = TestServer.Blob(TestServer.RandomBytes(200_000, 3));
        var wrong = (byte[])bytes.Clone();
        wrong[^1] ^= 1;
        var e = await Assert.ThrowsAsync<RpcException>(() => _server.WriteAsync(TestServer.UploadName(digest), wrong));
        Assert.Equal(StatusCode.InvalidArgument, e.Status);
        Assert.False(_server.Server.Store.Cas.Contains(digest));
        Assert.False(_server.Server.Store.Cas.Contains(TestServer.Blob(wrong).Digest));
    }

    [Fact]
    public async Task Write_TooManyBytes_IsInvalidArgument()
    {
        var (digest, _) = TestServer.Blob("four");
        var e = await Assert.ThrowsAsync<RpcException>(() => _server.WriteAsync(TestServer.UploadName(digest), "fourfour"u8.ToArray()));
        Assert.Equal(StatusCode.InvalidArgument, e.Status);
    }

    [Fact]
    public async Task Write_Interrupted_ResumesAtCommittedOffset()
    {
        var (digest, bytes) = TestServer.Blob(TestServer.RandomBytes(300_000, 4));
        var name = TestServer.UploadName(digest, "tenant/a");
        Assert.Equal(100_000, await _server.WriteAsync(name, bytes[..100_000], finish: false));
        var status = await _server.Channel.UnaryAsync(ByteStreamMethods.QueryWriteStatus, new QueryWriteStatusRequest { ResourceName = name });
        Assert.Equal(100_000, status.CommittedSize);
        Assert.False(status.Complete);

        var e = await Assert.ThrowsAsync<RpcException>(() => _server.WriteAsync(name, bytes, offset: 50_000));
        Assert.Equal(StatusCode.InvalidArgument, e.Status);

        Assert.Equal(bytes.Length, await _server.WriteAsync(name, bytes, offset: 100_000));
        status = await _server.Channel.UnaryAsync(ByteStreamMethods.QueryWriteStatus, new QueryWriteStatusRequest { ResourceName = name });
        Assert.True(status.Complete);
        Assert.Equal(bytes, await _server.ReadAsync(TestServer.BlobName(digest, "tenant/a")));
    }

    [Fact]
    public async Task Write_BlobAlreadyStored_CompletesAtOnce()
    {
        var (digest, bytes) = TestServer.Blob(TestServer.RandomBytes(4 * 1024 * 1024, 5));
        await _server.WriteAsync(TestServer.UploadName(digest), bytes);
        Assert.Equal(bytes.Length, await _server.WriteAsync(TestServer.UploadName(digest), bytes, chunk: 16 * 1024));
    }

    [Fact]
    public async Task InstanceNamesWithSlashes_ShareTheCas()
    {
        var (digest, bytes) = TestServer.Blob("shared content");
        await _server.WriteAsync(TestServer.UploadName(digest, "org/team/main"), bytes);
        Assert.Equal(bytes, await _server.ReadAsync(TestServer.BlobName(digest, "org/team/main")));
        Assert.Equal(bytes, await _server.ReadAsync(TestServer.BlobName(digest)));
    }
}
