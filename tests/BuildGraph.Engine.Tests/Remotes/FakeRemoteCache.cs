using System.Collections.Concurrent;
using BuildGraph.Abstractions;
using BuildGraph.Engine.Artifacts;
using BuildGraph.Engine.Remotes;
using BuildGraph.Yaml;
using ReapiDirectory = BuildGraph.Protos.Reapi.Directory;

namespace BuildGraph.Engine.Tests.Remotes;

/// <summary>
/// An in-memory remote cache: blobs and an index, a record of the calls made, and switches to make it
/// unreachable, refuse uploads or hold an upload until cancelled. <see cref="Local"/> is the local CAS
/// it moves blobs to and from (swap it for a "fresh machine").
/// </summary>
internal sealed class FakeRemoteCache(RemoteSpec spec, ITreeStore local) : IRemoteCache
{
    private readonly ConcurrentQueue<string> _calls = new();

    public RemoteSpec Spec => spec;
    public ITreeStore Local { get; set; } = local;
    public ConcurrentDictionary<Digest, byte[]> Blobs { get; } = new();
    public ConcurrentDictionary<string, Digest> Index { get; } = new();
    public List<string> Calls => _calls.ToList();

    public bool Down { get; set; }
    public bool RefuseUploads { get; set; }

    /// <summary>When set, uploads wait here (until cancelled).</summary>
    public TaskCompletionSource? HoldUploads { get; set; }

    public Task<(bool Index, bool Storage)> ProbeAsync(CancellationToken cancellationToken)
    {
        _calls.Enqueue("Probe");
        return Down ? throw Unavailable() : Task.FromResult((true, true));
    }

    public Task<Digest?> FetchBlobAsync(IReadOnlyList<string> urns, CancellationToken cancellationToken)
    {
        _calls.Enqueue("FetchBlob");
        if (Down)
            throw Unavailable();
        foreach (var urn in urns)
        {
            if (Index.TryGetValue(urn, out var digest))
                return Task.FromResult<Digest?>(digest);
        }
        return Task.FromResult<Digest?>(null);
    }

    public async Task PushBlobAsync(IReadOnlyList<string> urns, Digest blob, IReadOnlyList<Digest> referencedBlobs,
        IReadOnlyList<Digest> referencedDirectories, CancellationToken cancellationToken)
    {
        _calls.Enqueue("PushBlob");
        // As our server does: no entry naming a blob it lacks.
        var needed = new List<Digest> { blob };
        needed.AddRange(referencedBlobs);
        foreach (var root in referencedDirectories)
            needed.AddRange(await TreeAsync(root, d => Blobs.TryGetValue(d, out var b) ? b : null));
        if (needed.Any(d => d != Digest.Empty && !Blobs.ContainsKey(d)))
            throw new BgxException(ErrorDomain.Remote, ErrorReason.RemoteError, null, "FAILED_PRECONDITION: missing blobs");
        foreach (var urn in urns)
            Index[urn] = blob;
    }

    public async Task<int> UploadAsync(IReadOnlyCollection<Digest> blobs, CancellationToken cancellationToken)
    {
        _calls.Enqueue("Upload");
        return await CopyInAsync(blobs, cancellationToken);
    }

    public async Task<int> UploadTreeAsync(Digest root, CancellationToken cancellationToken)
    {
        _calls.Enqueue("UploadTree");
        var digests = new List<Digest> { root };
        await foreach (var entry in Local.ListAsync(root, cancellationToken))
        {
            if (entry.Digest is { } d)
                digests.Add(d);
        }
        return await CopyInAsync(digests, cancellationToken);
    }

    public async Task<int> DownloadAsync(IReadOnlyCollection<Digest> blobs, CancellationToken cancellationToken)
    {
        _calls.Enqueue("Download");
        foreach (var digest in blobs.Where(d => d != Digest.Empty))
        {
            var bytes = Blobs.TryGetValue(digest, out var b) ? b : throw NotFound(digest);
            await Local.PutAsync(digest, new MemoryStream(bytes), cancellationToken);
        }
        return blobs.Count;
    }

    public async Task<int> DownloadTreeAsync(Digest root, CancellationToken cancellationToken)
    {
        _calls.Enqueue("DownloadTree");
        var all = await TreeAsync(root, d => Blobs.TryGetValue(d, out var b) ? b : throw NotFound(d));
        return await DownloadAsync(all, cancellationToken);
    }

    public void Dispose()
    {
    }

    private async Task<int> CopyInAsync(IEnumerable<Digest> digests, CancellationToken cancellationToken)
    {
        if (Down)
            throw Unavailable();
        if (RefuseUploads)
            throw new BgxException(ErrorDomain.Remote, ErrorReason.RemoteError, null, "PERMISSION_DENIED: no pushes here");
        if (HoldUploads is { } hold)
            await hold.Task.WaitAsync(cancellationToken);
        var count = 0;
        foreach (var digest in digests.Where(d => d != Digest.Empty && !Blobs.ContainsKey(d)))
        {
            await using var stream = await Local.OpenReadAsync(digest, cancellationToken)
                ?? throw new CasException(ErrorReason.BlobNotFound, $"{digest} is not in the local CAS");
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            Blobs[digest] = buffer.ToArray();
            count++;
        }
        return count;
    }

    /// <summary>The root and every Directory and file below it.</summary>
    private static Task<List<Digest>> TreeAsync(Digest root, Func<Digest, byte[]?> read)
    {
        var result = new List<Digest> { root };
        var pending = new Stack<Digest>([root]);
        while (pending.Count > 0)
        {
            if (read(pending.Pop()) is not { } bytes)
                continue;
            var directory = ReapiDirectory.Parser.ParseFrom(bytes);
            result.AddRange(directory.Files.Select(f => f.Digest.ToDigest()));
            foreach (var sub in directory.Directories.Select(d => d.Digest.ToDigest()))
            {
                result.Add(sub);
                pending.Push(sub);
            }
        }
        return Task.FromResult(result);
    }

    private static BgxException Unavailable() =>
        new(ErrorDomain.Remote, ErrorReason.RemoteError, null, "UNAVAILABLE: connection refused", isTransient: true);

    private static BgxException NotFound(Digest digest) =>
        new(ErrorDomain.Remote, ErrorReason.BlobNotFound, null, $"Blob {digest} is not on the remote");
}
