using System.Security.Cryptography;
using System.Text;
using BuildGraph.Abstractions;
using BuildGraph.Testing;
using BuildGraph.Yaml;

namespace BuildGraph.Cas.Tests;

public sealed class LocalCasTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly LocalCas _cas;

    public LocalCasTests()
    {
        _cas = LocalCas.ForCacheDirectory(_temp.Combine("cache"));
    }

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task PutAsync_ThenOpenRead_ReturnsSameBytes()
    {
        var content = Encoding.UTF8.GetBytes("hello, cas");
        var digest = Digest.Of(content);

        await _cas.PutAsync(digest, new MemoryStream(content), Ct);

        await using var stream = await _cas.OpenReadAsync(digest, Ct);
        Assert.NotNull(stream);
        var read = new MemoryStream();
        await stream.CopyToAsync(read, Ct);
        Assert.Equal(content, read.ToArray());
    }

    [Fact]
    public async Task PutBytesAsync_AnyBlob_StoresReadOnlyFileAtFanOutPath()
    {
        var digest = await _cas.PutBytesAsync(Encoding.UTF8.GetBytes("fan out"), Ct);

        var path = Path.Combine(_temp.Combine("cache"), "cas", "objects", digest.Hash[..2], digest.Hash[2..]);
        Assert.Equal(path, _cas.TryGetObjectPath(digest));
        Assert.Equal(Modes.R0444, Modes.Of(path));
    }

    [Fact]
    public async Task PutAsync_ContentNotMatchingDigest_ThrowsDigestMismatchAndStoresNothing()
    {
        var claimed = Digest.Of(Encoding.UTF8.GetBytes("what was promised"));

        var error = await Assert.ThrowsAsync<CasException>(() =>
            _cas.PutAsync(claimed, new MemoryStream(Encoding.UTF8.GetBytes("what was sent")), Ct));

        Assert.Equal(ErrorReason.DigestMismatch, error.Reason);
        Assert.Null(await _cas.OpenReadAsync(claimed, Ct));
        Assert.Empty(Directory.EnumerateFiles(_cas.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task PutBytesAsync_WithExpectedDigest_StoresMatchingContentAndRefusesOtherContent()
    {
        var promised = Encoding.UTF8.GetBytes("what was promised");
        var claimed = Digest.Of(promised);

        var error = await Assert.ThrowsAsync<CasException>(() => _cas.PutBytesAsync(Encoding.UTF8.GetBytes("what was sent"), claimed, Ct));
        Assert.Equal(ErrorReason.DigestMismatch, error.Reason);
        Assert.False(_cas.Contains(claimed));
        Assert.False(Directory.Exists(_cas.Root) && Directory.EnumerateFiles(_cas.Root, "*", SearchOption.AllDirectories).Any());

        await _cas.PutBytesAsync(promised, claimed, Ct);
        Assert.Equal(promised, await _cas.TryReadBytesAsync(claimed, Ct));
    }

    [Fact]
    public async Task PutAsync_RightHashWrongSize_ThrowsDigestMismatch()
    {
        var content = Encoding.UTF8.GetBytes("sized");
        var claimed = new Digest(Digest.Of(content).Hash, content.Length + 1);

        var error = await Assert.ThrowsAsync<CasException>(() => _cas.PutAsync(claimed, new MemoryStream(content), Ct));

        Assert.Equal(ErrorReason.DigestMismatch, error.Reason);
        Assert.Single(await _cas.FindMissingAsync([claimed], Ct));
    }

    [Fact]
    public async Task PutAsync_SameBlobFromParallelTasks_StoresOneIntactObject()
    {
        var content = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
        var digest = Digest.Of(content);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            Task.Run(() => _cas.PutAsync(digest, new MemoryStream(content), Ct), Ct)));

        Assert.Empty(await _cas.FindMissingAsync([digest], Ct));
        Assert.Equal(content, await _cas.TryReadBytesAsync(digest, Ct));
        Assert.Empty(Directory.EnumerateFiles(_cas.Root, ".*", SearchOption.AllDirectories)); // no temporary file left
    }

    [Fact]
    public async Task OpenReadAsync_MissingBlob_ReturnsNull()
    {
        var digest = Digest.Of(Encoding.UTF8.GetBytes("never stored"));

        Assert.Null(await _cas.OpenReadAsync(digest, Ct));
        Assert.Null(await _cas.TryReadBytesAsync(digest, Ct));
        Assert.Null(_cas.TryGetObjectPath(digest));
    }

    [Fact]
    public async Task FindMissingAsync_MixedDigests_ReportsOnlyAbsentOnes()
    {
        var stored = await _cas.PutBytesAsync(Encoding.UTF8.GetBytes("stored"), Ct);
        var absent = Digest.Of(Encoding.UTF8.GetBytes("absent"));

        var missing = await _cas.FindMissingAsync([stored, absent, Digest.Empty, absent], Ct);

        Assert.Equal([absent], missing);
    }

    [Fact]
    public async Task EmptyBlob_NeverStored_IsStillPresent()
    {
        Assert.Empty(await _cas.FindMissingAsync([Digest.Empty], Ct));
        await using var stream = await _cas.OpenReadAsync(Digest.Empty, Ct);
        Assert.NotNull(stream);
        Assert.Equal(-1, stream.ReadByte());
        var path = _cas.TryGetObjectPath(Digest.Empty);
        Assert.NotNull(path);
        Assert.Equal(0, new FileInfo(path).Length);
    }

    [Fact]
    public async Task PutFileAsync_FileLargerThanHashBuffer_ReturnsSha256AndLeavesFileUntouched()
    {
        var content = RandomNumberGenerator.GetBytes(2 * 1024 * 1024 + 12345);
        var file = _temp.WriteFile("big.bin", content, Modes.R0644);

        var digest = await _cas.PutFileAsync(file, Ct);

        Assert.Equal(Digest.Of(content), digest);
        Assert.Equal(content, await _cas.TryReadBytesAsync(digest, Ct));
        Assert.Equal(Modes.R0644, Modes.Of(file));
        Assert.NotEqual(Modes.Inode(file), Modes.Inode(_cas.TryGetObjectPath(digest)!));
    }

    [Fact]
    public async Task PutFileAsync_FileUnchangedForAWhile_StoresExactContentReadOnly()
    {
        var content = RandomNumberGenerator.GetBytes(1024 * 1024 + 3);
        var file = _temp.WriteFile("old.bin", content, Modes.R0755);
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1));

        var digest = await _cas.PutFileAsync(file, Ct);

        Assert.Equal(Digest.Of(content), digest);
        Assert.Equal(Modes.R0444, Modes.Of(_cas.ObjectPath(digest)));
        Assert.Equal(content, await _cas.TryReadBytesAsync(digest, Ct));
        Assert.Equal(Modes.R0755, Modes.Of(file));
    }

    [Fact]
    public async Task PutFileAsync_LinkMode_SharesInodeAndMakesFileReadOnly()
    {
        var file = _temp.WriteFile("out.txt", "build output", Modes.R0644);

        var digest = await _cas.PutFileAsync(file, ImportMode.Link, Ct);

        var objectPath = _cas.TryGetObjectPath(digest)!;
        Assert.Equal(Modes.Inode(file), Modes.Inode(objectPath));
        Assert.Equal(Modes.R0444, Modes.Of(objectPath));
        Assert.Equal("build output", await File.ReadAllTextAsync(objectPath, Ct));
    }

    [Fact]
    public async Task PutFileAsync_LinkModeOnExecutable_CopiesSoObjectStaysNonExecutable()
    {
        var file = _temp.WriteFile("tool", "#!/bin/sh\n", Modes.R0755);

        var digest = await _cas.PutFileAsync(file, ImportMode.Link, Ct);

        var objectPath = _cas.TryGetObjectPath(digest)!;
        Assert.NotEqual(Modes.Inode(file), Modes.Inode(objectPath));
        Assert.Equal(Modes.R0444, Modes.Of(objectPath));
        Assert.Equal(Modes.R0755, Modes.Of(file));
    }

    [Fact]
    public async Task VerifyAsync_OverwrittenObject_ReportsItAndRemovesItOnRequest()
    {
        var good = await _cas.PutBytesAsync(Encoding.UTF8.GetBytes("good"), Ct);
        var bad = await _cas.PutBytesAsync(Encoding.UTF8.GetBytes("soon bad"), Ct);
        Modes.Corrupt(_cas.ObjectPath(bad), Encoding.UTF8.GetBytes("now evil"));

        var report = await _cas.VerifyAsync(removeCorrupt: false, Ct);
        Assert.Equal(2, report.CheckedCount);
        Assert.Equal([bad.Hash], report.CorruptHashes);
        Assert.True(File.Exists(_cas.ObjectPath(bad)));

        var repaired = await _cas.VerifyAsync(removeCorrupt: true, Ct);
        Assert.Equal([bad.Hash], repaired.CorruptHashes);
        Assert.Equal([bad], await _cas.FindMissingAsync([good, bad], Ct));
        Assert.True((await _cas.VerifyAsync(removeCorrupt: false, Ct)).IsHealthy);
    }

    [Fact]
    public async Task OpenReadAsync_OverwrittenObject_ThrowsCorruptBlobWhenReadToEnd()
    {
        var digest = await _cas.PutBytesAsync(Encoding.UTF8.GetBytes("original"), Ct);
        Modes.Corrupt(_cas.ObjectPath(digest), Encoding.UTF8.GetBytes("tampered"));

        await using var stream = await _cas.OpenReadAsync(digest, Ct);
        Assert.NotNull(stream);
        var error = await Assert.ThrowsAsync<CasException>(() => stream.CopyToAsync(Stream.Null, Ct));

        Assert.Equal(ErrorReason.CorruptBlob, error.Reason);
        Assert.Contains(digest.Hash, error.Message);
    }

    [Fact]
    public async Task TryGetObjectPath_ObjectOverwrittenAfterFirstUse_ThrowsCorruptBlobAndRemovesIt()
    {
        var digest = await _cas.PutBytesAsync(Encoding.UTF8.GetBytes("linked into a sandbox"), Ct);
        Assert.NotNull(_cas.TryGetObjectPath(digest));
        Modes.Corrupt(_cas.ObjectPath(digest), Encoding.UTF8.GetBytes("written through a link"));

        var error = Assert.Throws<CasException>(() => _cas.TryGetObjectPath(digest));

        Assert.Equal(ErrorReason.CorruptBlob, error.Reason);
        Assert.Equal([digest], await _cas.FindMissingAsync([digest], Ct));
    }

    [Fact]
    public async Task PutAsync_AfterObjectWasTruncated_ReportsMissingThenRepairs()
    {
        var content = Encoding.UTF8.GetBytes("will be truncated by a crash");
        var digest = await _cas.PutBytesAsync(content, Ct);
        Modes.Corrupt(_cas.ObjectPath(digest), Array.Empty<byte>());

        Assert.Equal([digest], await _cas.FindMissingAsync([digest], Ct));
        await _cas.PutAsync(digest, new MemoryStream(content), Ct);

        Assert.Equal(content, await _cas.TryReadBytesAsync(digest, Ct));
    }

    [Fact]
    public async Task TryGetExecutablePath_StoredBlob_GivesReadOnlyExecutableTwinWithSameContent()
    {
        var digest = await _cas.PutBytesAsync(Encoding.UTF8.GetBytes("#!/bin/sh\necho hi\n"), Ct);

        var twin = _cas.TryGetExecutablePath(digest);

        Assert.NotNull(twin);
        Assert.Equal(Modes.R0555, Modes.Of(twin));
        Assert.Equal(await File.ReadAllBytesAsync(_cas.ObjectPath(digest), Ct), await File.ReadAllBytesAsync(twin, Ct));
        Assert.Equal(Modes.R0444, Modes.Of(_cas.ObjectPath(digest)));
    }

    [Fact]
    public async Task TryGetExecutablePath_ManyThreadsLinkingNewTwins_EveryLinkSucceeds()
    {
        // Builds staging the same executables at once: each thread hard-links the twin it was handed
        // at once, so a twin replaced under it (its inode losing its last name) makes link(2) fail.
        var digests = new List<Digest>();
        for (var i = 0; i < 600; i++)
            digests.Add(await _cas.PutBytesAsync(Encoding.UTF8.GetBytes($"#!/bin/sh\necho {i}\n"), Ct));
        var stage = _temp.Combine("stage");
        Directory.CreateDirectory(stage);
        using var start = new Barrier(8);

        var threads = Enumerable.Range(0, 8).Select(t => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            foreach (var digest in digests)
            {
                var twin = _cas.TryGetExecutablePath(digest)!;
                var link = Path.Combine(stage, $"{t}-{digest.Hash}");
                var errno = Native.Link(twin, link);
                Assert.True(errno == 0, $"link {twin}: errno {errno}");
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(threads);

        Assert.Equal(8 * digests.Count, Directory.GetFiles(stage).Length);
        foreach (var digest in digests)
            Assert.Equal(Modes.R0555, Modes.Of(_cas.TryGetExecutablePath(digest)!));
    }

    [Fact]
    public async Task AtomicFile_WriteAllBytesTwice_LeavesLastContentAndNoTemporaryFiles()
    {
        var path = _temp.Combine("refs", "heads", "element");

        await AtomicFile.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes("first"), Ct);
        await AtomicFile.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes("second"), Ct);

        Assert.Equal("second", await File.ReadAllTextAsync(path, Ct));
        Assert.Equal([path], Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!));
    }
}
