using BuildGraph.Abstractions;
using BuildGraph.Cas;
using BuildGraph.Grpc;
using BuildGraph.Yaml;

namespace BuildGraph.Remote.Tests.Clients;

[Trait("Category", "Integration")]
public sealed class CasClientTests : IAsyncLifetime
{
    private ClientTestContext _context = null!;

    public async Task InitializeAsync() => _context = await ClientTestContext.StartAsync();

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task UploadTreeThenDownloadTree_SmallAndLargeFiles_CheckOutIdentically()
    {
        var files = new Dictionary<string, byte[]>
        {
            ["a.txt"] = "hello"u8.ToArray(),
            ["empty"] = [],
            ["sub/dir/big.bin"] = ClientTestContext.RandomBytes(6 * 1024 * 1024 + 3, 1),
            ["sub/medium.bin"] = ClientTestContext.RandomBytes(900_000, 2),
            ["sub/dup.txt"] = "hello"u8.ToArray(),
        };
        var host = _context.WriteTree("in", files);
        var root = await _context.Source.ImportAsync(host, ImportMode.Copy, CancellationToken.None);
        var client = _context.CasClient("org/project");

        Assert.True(await client.UploadTreeAsync(_context.Source, root, CancellationToken.None) > 0);
        Assert.Equal(0, await client.UploadTreeAsync(_context.Source, root, CancellationToken.None));
        Assert.True(await client.DownloadTreeAsync(_context.Target, root, CancellationToken.None) > 0);

        var output = Path.Combine(_context.Root, "out");
        await _context.Target.CheckoutAsync(root, output, useHardlinks: false, CancellationToken.None);
        foreach (var (path, content) in files)
            Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(output, path)));
    }

    [Fact]
    public async Task FindMissing_EmptyBlobNeverMissing()
    {
        var client = _context.CasClient();
        var absent = Digest.Of("absent"u8);
        Assert.Equal([absent], await client.FindMissingAsync([Digest.Empty, absent], CancellationToken.None));
    }

    [Fact]
    public async Task PutAndRead_SmallAndLarge_RoundTrip()
    {
        var client = _context.CasClient();
        foreach (var size in new[] { 10, 5 * 1024 * 1024 })
        {
            var bytes = ClientTestContext.RandomBytes(size, size);
            var digest = await client.PutBytesAsync(bytes, CancellationToken.None);
            Assert.Equal(bytes, await client.TryReadBytesAsync(digest, CancellationToken.None));
        }
    }

    [Fact]
    public async Task TryRead_Missing_IsNull() =>
        Assert.Null(await _context.CasClient().TryReadBytesAsync(Digest.Of("nothing"u8), CancellationToken.None));

    [Theory]
    [InlineData(100)]
    [InlineData(5 * 1024 * 1024)]
    public async Task Put_ContentNotMatchingDigest_IsDigestMismatchAndNothingStored(int size)
    {
        var client = _context.CasClient();
        var bytes = ClientTestContext.RandomBytes(size, 7);
        var claimed = Digest.Of(bytes);
        bytes[^1] ^= 0xff;
        var e = await Assert.ThrowsAsync<RemoteException>(() => client.PutAsync(claimed, new MemoryStream(bytes), CancellationToken.None));
        Assert.Equal(ErrorReason.DigestMismatch, e.Reason);
        Assert.Equal([claimed], await client.FindMissingAsync([claimed], CancellationToken.None));
    }

    [Fact]
    public async Task Download_BlobNotOnServer_IsBlobNotFound()
    {
        var client = _context.CasClient();
        foreach (var size in new[] { 10L, 8L * 1024 * 1024 })
        {
            var e = await Assert.ThrowsAsync<RemoteException>(() =>
                client.DownloadAsync(_context.Target.Cas, [new Digest(new string('c', 64), size)], CancellationToken.None));
            Assert.Equal(ErrorReason.BlobNotFound, e.Reason);
            Assert.Equal(ErrorDomain.Remote, e.Domain);
        }
    }

    [Fact]
    public async Task Upload_PushDisabled_IsPermissionDeniedNotTransient()
    {
        await using var readOnly = await ClientTestContext.StartAsync(enablePush: false);
        var digest = await readOnly.Source.Cas.PutBytesAsync("x"u8.ToArray(), CancellationToken.None);
        var e = await Assert.ThrowsAsync<RemoteException>(() =>
            readOnly.CasClient().UploadAsync(readOnly.Source.Cas, [digest], CancellationToken.None));
        Assert.Equal(StatusCode.PermissionDenied, e.Status);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task Call_ServerGone_IsTransientUnavailable()
    {
        using var channel = new HttpRpcChannel(new RpcChannelOptions { Address = new Uri("http://127.0.0.1:1") });
        var e = await Assert.ThrowsAsync<RemoteException>(() =>
            new CasClient(channel).FindMissingAsync([Digest.Of("x"u8)], CancellationToken.None));
        Assert.Equal(StatusCode.Unavailable, e.Status);
        Assert.True(e.IsTransient);
    }
}
