using BuildGraph.Abstractions;
using BuildGraph.Testing;
using BuildGraph.Yaml;

namespace BuildGraph.Cas.Tests;

public sealed class BlobWriterTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly LocalCas _cas;

    public BlobWriterTests()
    {
        _cas = LocalCas.ForCacheDirectory(_temp.Combine("cache"));
    }

    public void Dispose() => _temp.Dispose();

    // Sizes on both sides of the direct-I/O threshold, aligned and not, so both write paths and the
    // padded O_DIRECT tail are exercised.
    [Theory]
    [InlineData(1)]
    [InlineData(3 * 1024 * 1024 + 17)]
    [InlineData(BlobWriter.DirectThreshold)]
    [InlineData(BlobWriter.DirectThreshold + 4096 * 3 + 123)]
    public async Task CreateBlobWriter_PiecesOfOddSizes_StoresExactlyTheBlobReadOnly(long size)
    {
        var content = RandomContent((int)size, seed: (int)(size % 1000));
        var digest = Digest.Of(content);

        await using (var writer = _cas.CreateBlobWriter(digest))
        {
            foreach (var piece in Pieces(content, 1_000_003))
                await writer.WriteAsync(piece);
            await writer.CommitAsync();
        }

        var path = _cas.TryGetObjectPath(digest);
        Assert.NotNull(path);
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
        Assert.Equal(Modes.R0444, Modes.Of(path));
        Assert.Empty(LeftInTemp());
        await using var stream = await _cas.OpenReadAsync(digest, CancellationToken.None);
        var read = new MemoryStream();
        await stream!.CopyToAsync(read, 1_000_003);
        Assert.Equal(content, read.ToArray());
    }

    [Fact]
    public async Task OpenReadAsync_LargeObjectCorruptedOnDisk_FailsAtTheEndAndRemovesIt()
    {
        var content = RandomContent((int)BlobWriter.DirectThreshold + 999, seed: 5);
        var digest = await _cas.PutBytesAsync(content, CancellationToken.None);
        var path = _cas.TryGetObjectPath(digest)!;
        File.SetUnixFileMode(path, Modes.R0644);
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            file.Position = content.Length - 10;
            file.WriteByte((byte)(content[^10] ^ 1));
        }

        await using var stream = await _cas.OpenReadAsync(digest, CancellationToken.None);
        var error = await Assert.ThrowsAsync<CasException>(() => stream!.CopyToAsync(Stream.Null));

        Assert.Equal(ErrorReason.CorruptBlob, error.Reason);
        Assert.False(_cas.Contains(digest));
    }

    [Fact]
    public async Task CommitAsync_ContentNotMatchingDigest_ThrowsDigestMismatchAndLeavesNothing()
    {
        var promised = RandomContent((int)BlobWriter.DirectThreshold + 5, seed: 1);
        var sent = (byte[])promised.Clone();
        sent[^1] ^= 0xff;
        var digest = Digest.Of(promised);

        await using var writer = _cas.CreateBlobWriter(digest);
        await writer.WriteAsync(sent);
        var error = await Assert.ThrowsAsync<CasException>(writer.CommitAsync);

        Assert.Equal(ErrorReason.DigestMismatch, error.Reason);
        Assert.False(_cas.Contains(digest));
        Assert.Empty(LeftInTemp());
    }

    [Fact]
    public async Task WriteAsync_MoreBytesThanTheDigestSays_ThrowsDigestMismatch()
    {
        var digest = Digest.Of(new byte[10]);
        await using var writer = _cas.CreateBlobWriter(digest);

        var error = await Assert.ThrowsAsync<CasException>(async () => await writer.WriteAsync(new byte[11]));

        Assert.Equal(ErrorReason.DigestMismatch, error.Reason);
    }

    [Fact]
    public async Task DisposeAsync_Uncommitted_DeletesTheFile()
    {
        var content = RandomContent(4096, seed: 2);
        string path;
        await using (var writer = _cas.CreateBlobWriter(Digest.Of(content)))
        {
            await writer.WriteAsync(content.AsMemory(0, 100));
            path = writer.Path;
        }

        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task ResumeBlobWriter_AfterABrokenWrite_GoesOnFromTheBytesKeptAndStoresTheBlob()
    {
        var content = RandomContent((int)BlobWriter.DirectThreshold + 777, seed: 3);
        var digest = Digest.Of(content);
        var partial = _temp.Combine("upload");

        await using (var first = _cas.ResumeBlobWriter(partial, digest))
            await first.WriteAsync(content.AsMemory(0, 5_000_001)); // then the connection broke

        Assert.Equal(5_000_001, new FileInfo(partial).Length);
        await using (var second = _cas.ResumeBlobWriter(partial, digest))
        {
            Assert.Equal(5_000_001, second.Written);
            await second.WriteAsync(content.AsMemory(5_000_001));
            await second.CommitAsync();
        }

        Assert.Equal(content, await File.ReadAllBytesAsync(_cas.TryGetObjectPath(digest)!));
        Assert.False(File.Exists(partial));
    }

    [Fact]
    public async Task ResumeBlobWriter_PartialFileLongerThanTheBlob_StartsOver()
    {
        var content = RandomContent(1000, seed: 4);
        var digest = Digest.Of(content);
        var partial = _temp.Combine("upload");
        await File.WriteAllBytesAsync(partial, new byte[5000]);

        await using var writer = _cas.ResumeBlobWriter(partial, digest);
        Assert.Equal(0, writer.Written);
        await writer.WriteAsync(content);
        await writer.CommitAsync();

        Assert.True(_cas.Contains(digest));
    }

    /// <summary>Temporary files (dot names) anywhere in the store.</summary>
    private IEnumerable<string> LeftInTemp() =>
        Directory.EnumerateFiles(_cas.Root, ".*", SearchOption.AllDirectories);

    private static IEnumerable<ReadOnlyMemory<byte>> Pieces(byte[] content, int size)
    {
        for (var offset = 0; offset < content.Length; offset += size)
            yield return content.AsMemory(offset, Math.Min(size, content.Length - offset));
    }

    private static byte[] RandomContent(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
