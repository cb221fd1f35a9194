using System.Security.Cryptography;
using System.Text;
using BuildGraph.Abstractions;
using BuildGraph.Cas;

namespace BuildGraph.Server.Storage;

/// <summary>
/// The artifact server's storage under one directory: <c>cas/</c> (a <see cref="LocalCas"/>),
/// <c>index/&lt;kind&gt;/</c> (action-cache and asset records, each written atomically, each listing
/// the blobs it needs) and <c>uploads/</c> (partial ByteStream writes). With a quota, the least
/// recently used blobs are evicted, and every index record that names an evicted blob is deleted
/// first, so no record ever points at a missing blob. Thread-safe within one process.
/// </summary>
internal sealed class ServerStore
{
    private readonly BlobLru _lru = new();
    private readonly SemaphoreSlim _indexLock = new(1, 1);
    private readonly Dictionary<Digest, HashSet<string>> _referencedBy = []; // blob → entry paths; guarded by _indexLock
    private readonly Dictionary<string, List<Digest>> _references = []; // entry path → its blobs; guarded by _indexLock
    private readonly string _indexRoot;

    public ServerStore(string directory, long? quotaBytes)
    {
        Root = Path.GetFullPath(directory);
        Cas = new LocalCas(Path.Combine(Root, "cas"));
        Trees = new DirectoryTree(Cas);
        _indexRoot = Path.Combine(Root, "index");
        UploadsDirectory = Path.Combine(Root, "uploads");
        QuotaBytes = quotaBytes;
    }

    public string Root { get; }
    public LocalCas Cas { get; }
    public DirectoryTree Trees { get; }
    public string UploadsDirectory { get; }
    public long? QuotaBytes { get; }

    /// <summary>Bytes of blobs stored (as tracked for the quota).</summary>
    public long UsedBytes => _lru.TotalBytes;

    /// <summary>Number of blobs stored (as tracked for the quota).</summary>
    public int BlobCount => _lru.Count;

    /// <summary>
    /// Loads blob recency (last write times) and index references, deletes damaged records and records
    /// whose blobs are gone, removes stale uploads, and applies the quota.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(UploadsDirectory);
        foreach (var (digest, _) in Cas.EnumerateObjects().OrderByDescending(o => o.LastWriteUtc))
            _lru.AddOldest(digest);
        if (Directory.Exists(_indexRoot))
        {
            foreach (var path in Directory.EnumerateFiles(_indexRoot, "*", SearchOption.AllDirectories))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var entry = Path.GetFileName(path).StartsWith('.') ? null : IndexEntry.TryParse(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
                if (entry is null || entry.References.Any(r => !Cas.Contains(r)))
                    File.Delete(path);
                else
                    Register(path, entry.References);
            }
        }
        foreach (var upload in Directory.EnumerateFiles(UploadsDirectory))
        {
            if (File.GetLastWriteTimeUtc(upload) < DateTime.UtcNow.AddDays(-1))
                File.Delete(upload);
        }
        await EnforceQuotaAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the blob is stored; marks it as used.</summary>
    public bool Contains(Digest digest)
    {
        if (digest == Digest.Empty)
            return true;
        if (!Cas.Contains(digest))
            return false;
        _lru.Touch(digest);
        return true;
    }

    /// <summary>Stores a blob, checking its digest, then applies the quota.</summary>
    /// <exception cref="CasException">DigestMismatch: nothing was stored.</exception>
    /// <exception cref="QuotaExceededException">The blob is larger than the quota.</exception>
    public async Task PutAsync(Digest digest, Stream content, CancellationToken cancellationToken)
    {
        if (Contains(digest))
            return;
        CheckFits(digest);
        await Cas.PutAsync(digest, content, cancellationToken).ConfigureAwait(false);
        _lru.Touch(digest);
        await EnforceQuotaAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores a small blob after checking it against <paramref name="digest"/>.</summary>
    /// <exception cref="CasException">DigestMismatch: nothing was stored.</exception>
    /// <exception cref="QuotaExceededException">The blob is larger than the quota.</exception>
    public async Task PutBytesAsync(Digest digest, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (Contains(digest))
            return;
        CheckFits(digest);
        await Cas.PutBytesAsync(content, digest, cancellationToken).ConfigureAwait(false);
        _lru.Touch(digest);
        await EnforceQuotaAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Commits a finished upload, which was hashed as it arrived: checked against its digest, then
    /// renamed into the CAS (no second pass over the bytes).
    /// </summary>
    /// <exception cref="CasException">DigestMismatch: nothing was stored.</exception>
    /// <exception cref="QuotaExceededException">The blob is larger than the quota.</exception>
    public async Task PutUploadAsync(BlobWriter upload, CancellationToken cancellationToken)
    {
        var digest = upload.Expected;
        if (Contains(digest))
        {
            await upload.DiscardAsync().ConfigureAwait(false);
            return;
        }
        CheckFits(digest);
        await upload.CommitAsync().ConfigureAwait(false);
        _lru.Touch(digest);
        await EnforceQuotaAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a stored blob (its digest is checked as it is read), or null.</summary>
    public async Task<Stream?> OpenReadAsync(Digest digest, CancellationToken cancellationToken)
    {
        var stream = await Cas.OpenReadAsync(digest, cancellationToken).ConfigureAwait(false);
        if (stream is not null && digest != Digest.Empty)
            _lru.Touch(digest);
        return stream;
    }

    /// <summary>Reads a whole stored blob (checked), or null.</summary>
    public async Task<byte[]?> TryReadBytesAsync(Digest digest, CancellationToken cancellationToken)
    {
        var bytes = await Cas.TryReadBytesAsync(digest, cancellationToken).ConfigureAwait(false);
        if (bytes is not null && digest != Digest.Empty)
            _lru.Touch(digest);
        return bytes;
    }

    /// <summary>The record stored under (<paramref name="kind"/>, <paramref name="key"/>), or null; marks its blobs as used.</summary>
    public async Task<IndexEntry?> TryGetEntryAsync(string kind, string key, CancellationToken cancellationToken)
    {
        var path = EntryPath(kind, key);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        if (IndexEntry.TryParse(bytes) is not { } entry || entry.Key != key)
            return null;
        foreach (var reference in entry.References)
            _lru.Touch(reference);
        return entry;
    }

    /// <summary>The record's last write time (when it was pushed), or null.</summary>
    public DateTime? EntryTime(string kind, string key)
    {
        var path = EntryPath(kind, key);
        return File.Exists(path) ? File.GetLastWriteTimeUtc(path) : null;
    }

    /// <summary>Records (replacing) an index entry, atomically, once every referenced blob is present.</summary>
    /// <exception cref="MissingReferencesException">Some referenced blobs are not stored; nothing was recorded.</exception>
    public async Task PutEntryAsync(string kind, string key, IReadOnlyCollection<Digest> references, byte[] payload,
        CancellationToken cancellationToken)
    {
        var distinct = references.Where(r => r != Digest.Empty).Distinct().ToList();
        var path = EntryPath(kind, key);
        await _indexLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var missing = distinct.Where(r => !Contains(r)).ToList();
            if (missing.Count > 0)
                throw new MissingReferencesException(missing);
            await AtomicFile.WriteAllBytesAsync(path, new IndexEntry(key, distinct, payload).Serialize(), cancellationToken)
                .ConfigureAwait(false);
            Unregister(path);
            Register(path, distinct);
        }
        finally
        {
            _indexLock.Release();
        }
    }

    /// <summary>Evicts least recently used blobs (and the records naming them) until the quota holds.</summary>
    public async Task EnforceQuotaAsync(CancellationToken cancellationToken)
    {
        if (QuotaBytes is not { } quota || _lru.TotalBytes <= quota)
            return;
        await _indexLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (_lru.TotalBytes > quota && _lru.Oldest() is { } oldest)
            {
                if (_referencedBy.Remove(oldest, out var entries))
                {
                    foreach (var entry in entries.ToList())
                    {
                        File.Delete(entry); // the record goes before the blob it names
                        Unregister(entry);
                    }
                }
                Cas.TryDelete(oldest);
                _lru.Remove(oldest);
            }
        }
        finally
        {
            _indexLock.Release();
        }
    }

    private void CheckFits(Digest digest)
    {
        if (QuotaBytes is { } quota && digest.SizeBytes > quota)
            throw new QuotaExceededException($"Blob {digest} is larger than the server's quota of {quota} bytes");
    }

    private void Register(string path, IReadOnlyList<Digest> references)
    {
        _references[path] = [.. references];
        foreach (var reference in references)
        {
            if (!_referencedBy.TryGetValue(reference, out var set))
                _referencedBy[reference] = set = [];
            set.Add(path);
        }
    }

    private void Unregister(string path)
    {
        if (!_references.Remove(path, out var references))
            return;
        foreach (var reference in references)
        {
            if (_referencedBy.TryGetValue(reference, out var set))
            {
                set.Remove(path);
                if (set.Count == 0)
                    _referencedBy.Remove(reference);
            }
        }
    }

    private string EntryPath(string kind, string key)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return Path.Combine(_indexRoot, kind, hash[..2], hash[2..]);
    }
}
