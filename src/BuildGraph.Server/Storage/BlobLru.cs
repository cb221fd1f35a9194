using BuildGraph.Abstractions;

namespace BuildGraph.Server.Storage;

/// <summary>Blobs in least-recently-used order with their total size. Thread-safe.</summary>
internal sealed class BlobLru
{
    private readonly LinkedList<Digest> _order = new();
    private readonly Dictionary<Digest, LinkedListNode<Digest>> _nodes = [];
    private readonly Lock _lock = new();

    public long TotalBytes { get; private set; }

    public int Count
    {
        get
        {
            lock (_lock)
                return _nodes.Count;
        }
    }

    /// <summary>Marks a blob as just used, adding it when it is new.</summary>
    public void Touch(Digest digest)
    {
        lock (_lock)
        {
            if (_nodes.TryGetValue(digest, out var node))
            {
                _order.Remove(node);
                _order.AddLast(node);
                return;
            }
            _nodes[digest] = _order.AddLast(digest);
            TotalBytes += digest.SizeBytes;
        }
    }

    /// <summary>Adds a blob as the oldest, for blobs found on disk at startup (oldest first).</summary>
    public void AddOldest(Digest digest)
    {
        lock (_lock)
        {
            if (_nodes.ContainsKey(digest))
                return;
            _nodes[digest] = _order.AddFirst(digest);
            TotalBytes += digest.SizeBytes;
        }
    }

    public void Remove(Digest digest)
    {
        lock (_lock)
        {
            if (!_nodes.Remove(digest, out var node))
                return;
            _order.Remove(node);
            TotalBytes -= digest.SizeBytes;
        }
    }

    /// <summary>The least recently used blob, or null when empty.</summary>
    public Digest? Oldest()
    {
        lock (_lock)
            return _order.First?.Value;
    }
}
