using BuildGraph.Abstractions;
using BuildGraph.Server.Storage;
using BuildGraph.Testing;

namespace BuildGraph.Server.Tests.Storage;

public sealed class ServerStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private async Task<ServerStore> OpenAsync(long? quota)
    {
        var store = new ServerStore(_directory.Path, quota);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    private static async Task<Digest> PutAsync(ServerStore store, int size, int seed)
    {
        var bytes = TestServer.RandomBytes(size, seed);
        var digest = Digest.Of(bytes);
        await store.PutBytesAsync(digest, bytes, CancellationToken.None);
        return digest;
    }

    [Fact]
    public async Task Quota_EvictsLeastRecentlyUsed()
    {
        var store = await OpenAsync(quota: 3000);
        var a = await PutAsync(store, 1000, 1);
        var b = await PutAsync(store, 1000, 2);
        var c = await PutAsync(store, 1000, 3);
        Assert.True(store.Contains(a)); // a becomes the most recently used
        var d = await PutAsync(store, 1000, 4);
        Assert.False(store.Cas.Contains(b));
        Assert.True(store.Cas.Contains(a));
        Assert.True(store.Cas.Contains(c));
        Assert.True(store.Cas.Contains(d));
        Assert.True(store.UsedBytes <= 3000);
    }

    [Fact]
    public async Task Quota_EvictingABlob_DeletesTheEntriesNamingIt()
    {
        var store = await OpenAsync(quota: 2500);
        var a = await PutAsync(store, 1000, 1);
        var b = await PutAsync(store, 1000, 2);
        await store.PutEntryAsync("ac", "uses-a", [a], [1], CancellationToken.None);
        await store.PutEntryAsync("ac", "uses-a-and-b", [a, b], [2], CancellationToken.None);
        await store.PutEntryAsync("ac", "uses-b", [b], [3], CancellationToken.None);
        Assert.True(store.Contains(b)); // a is now the oldest
        await PutAsync(store, 1000, 3);

        Assert.False(store.Cas.Contains(a));
        Assert.Null(await store.TryGetEntryAsync("ac", "uses-a", CancellationToken.None));
        Assert.Null(await store.TryGetEntryAsync("ac", "uses-a-and-b", CancellationToken.None));
        Assert.NotNull(await store.TryGetEntryAsync("ac", "uses-b", CancellationToken.None));
    }

    [Fact]
    public async Task Quota_BlobLargerThanQuota_IsRefused()
    {
        var store = await OpenAsync(quota: 100);
        var bytes = new byte[101];
        await Assert.ThrowsAsync<QuotaExceededException>(() => store.PutBytesAsync(Digest.Of(bytes), bytes, CancellationToken.None));
    }

    [Fact]
    public async Task PutEntry_MissingReference_RecordsNothing()
    {
        var store = await OpenAsync(quota: null);
        var absent = Digest.Of("absent"u8);
        var e = await Assert.ThrowsAsync<MissingReferencesException>(() =>
            store.PutEntryAsync("ac", "k", [absent], [1], CancellationToken.None));
        Assert.Equal([absent], e.Missing);
        Assert.Null(await store.TryGetEntryAsync("ac", "k", CancellationToken.None));
    }

    [Fact]
    public async Task Initialize_EntryWhoseBlobVanished_IsDeleted()
    {
        var store = await OpenAsync(quota: null);
        var a = await PutAsync(store, 10, 1);
        await store.PutEntryAsync("asset-blob", "k", [a], [1], CancellationToken.None);
        store.Cas.TryDelete(a); // e.g. removed by hand while the server was down

        var reopened = await OpenAsync(quota: null);
        Assert.Null(await reopened.TryGetEntryAsync("asset-blob", "k", CancellationToken.None));
    }

    [Fact]
    public async Task Initialize_OverQuota_EvictsOldestWrites()
    {
        var store = await OpenAsync(quota: null);
        var old = await PutAsync(store, 1000, 1);
        File.SetLastWriteTimeUtc(Path.Combine(store.Cas.Root, "objects", old.Hash[..2], old.Hash[2..]), DateTime.UtcNow.AddDays(-1));
        var recent = await PutAsync(store, 1000, 2);

        var reopened = await OpenAsync(quota: 1500);
        Assert.False(reopened.Cas.Contains(old));
        Assert.True(reopened.Cas.Contains(recent));
    }

    [Fact]
    public async Task PutBytes_Mismatch_StoresNothing()
    {
        var store = await OpenAsync(quota: null);
        var claimed = Digest.Of("one"u8);
        var e = await Assert.ThrowsAsync<CasException>(() => store.PutBytesAsync(claimed, "two"u8.ToArray(), CancellationToken.None));
        Assert.Equal(Yaml.ErrorReason.DigestMismatch, e.Reason);
        Assert.False(store.Cas.Contains(claimed));
        Assert.False(store.Cas.Contains(Digest.Of("two"u8)));
    }
}
