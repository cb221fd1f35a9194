using BuildGraph.Abstractions;
using BuildGraph.Cas;
using ReapiDirectory = BuildGraph.Protos.Reapi.Directory;

namespace BuildGraph.Engine.Artifacts;

/// <summary>The local CAS as building sees it.</summary>
public sealed class LocalTreeStore(LocalCas cas) : ITreeStore
{
    private readonly DirectoryTree _trees = new(cas);

    // Directory messages are immutable (named by their content) and every build stages the same
    // base trees again: parse each once per process.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Digest, ReapiDirectory> _directories = new();

    public LocalCas Cas => cas;

    public static LocalTreeStore ForCacheDirectory(string cacheDirectory) => new(LocalCas.ForCacheDirectory(cacheDirectory));

    public Task<IReadOnlyList<Digest>> FindMissingAsync(IEnumerable<Digest> digests, CancellationToken cancellationToken) =>
        cas.FindMissingAsync(digests, cancellationToken);

    public Task<Stream?> OpenReadAsync(Digest digest, CancellationToken cancellationToken) => cas.OpenReadAsync(digest, cancellationToken);

    public Task PutAsync(Digest digest, Stream content, CancellationToken cancellationToken) => cas.PutAsync(digest, content, cancellationToken);

    public string? TryGetObjectPath(Digest digest) => cas.TryGetObjectPath(digest);

    public string? TryGetExecutablePath(Digest digest) => cas.TryGetExecutablePath(digest);

    public async Task<ReapiDirectory> GetDirectoryAsync(Digest digest, CancellationToken cancellationToken)
    {
        if (_directories.TryGetValue(digest, out var cached))
            return cached;
        var directory = await _trees.GetDirectoryAsync(digest, cancellationToken).ConfigureAwait(false);
        _directories.TryAdd(digest, directory);
        return directory;
    }

    public Task<Digest> ImportDirectoryAsync(string hostDirectory, CancellationToken cancellationToken) => _trees.ImportAsync(hostDirectory, cancellationToken);

    public Task<Digest> PutBytesAsync(byte[] content, CancellationToken cancellationToken) => cas.PutBytesAsync(content, cancellationToken);

    public Task CheckoutAsync(Digest root, string hostDirectory, bool useHardlinks, CancellationToken cancellationToken) =>
        _trees.CheckoutAsync(root, hostDirectory, useHardlinks, cancellationToken);

    public IAsyncEnumerable<TreeEntry> ListAsync(Digest root, CancellationToken cancellationToken) => _trees.ListAsync(root, cancellationToken);
}
