using BuildGraph.Abstractions;
using BuildGraph.Testing;

namespace BuildGraph.Cas.Tests;

public sealed class LocalCasDeleteTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task TryDelete_StoredBlob_RemovesItAndItsTwin()
    {
        var cas = new LocalCas(_temp.Combine("cas"));
        var digest = await cas.PutBytesAsync("#!/bin/sh\n"u8.ToArray(), CancellationToken.None);
        Assert.NotNull(cas.TryGetExecutablePath(digest));
        Assert.True(cas.TryDelete(digest));
        Assert.False(cas.Contains(digest));
        Assert.Null(cas.TryGetExecutablePath(digest));
        Assert.False(cas.TryDelete(digest));
    }

    [Fact]
    public void TryDelete_EmptyBlob_IsKept()
    {
        var cas = new LocalCas(_temp.Combine("cas"));
        Assert.False(cas.TryDelete(Digest.Empty));
        Assert.True(cas.Contains(Digest.Empty));
    }

    [Fact]
    public async Task EnumerateObjects_ListsEveryBlobWithItsSize()
    {
        var cas = new LocalCas(_temp.Combine("cas"));
        var a = await cas.PutBytesAsync("a"u8.ToArray(), CancellationToken.None);
        var b = await cas.PutBytesAsync("bb"u8.ToArray(), CancellationToken.None);
        var listed = cas.EnumerateObjects().Select(o => o.Digest).OrderBy(d => d.Hash, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { a, b }.OrderBy(d => d.Hash, StringComparer.Ordinal).ToList(), listed);
    }
}
