using BuildGraph.Abstractions;

namespace BuildGraph.Remote;

/// <summary>
/// Splits blobs into batches that fit one BatchUpdateBlobs/BatchReadBlobs message, and the blobs too
/// large for that, which go through ByteStream. Small blobs are packed in size order.
/// </summary>
internal sealed record BlobPlan(IReadOnlyList<IReadOnlyList<Digest>> Batches, IReadOnlyList<Digest> Large)
{
    /// <summary>What a blob costs in a batch message beyond its bytes (digest, framing, status).</summary>
    public const int PerBlobOverhead = 160;

    /// <summary>At most this many blobs per batch, so per-blob work on the server stays bounded.</summary>
    public const int MaxBlobsPerBatch = 1000;

    public static BlobPlan Create(IEnumerable<Digest> digests, long maxBatchTotalSize)
    {
        var batches = new List<IReadOnlyList<Digest>>();
        var large = new List<Digest>();
        var current = new List<Digest>();
        long size = 0;
        foreach (var digest in digests.Distinct().Where(d => d != Digest.Empty).OrderBy(d => d.SizeBytes))
        {
            var cost = digest.SizeBytes + PerBlobOverhead;
            if (cost > maxBatchTotalSize)
            {
                large.Add(digest);
                continue;
            }
            if (current.Count > 0 && (size + cost > maxBatchTotalSize || current.Count >= MaxBlobsPerBatch))
            {
                batches.Add(current);
                (current, size) = ([], 0);
            }
            current.Add(digest);
            size += cost;
        }
        if (current.Count > 0)
            batches.Add(current);
        return new BlobPlan(batches, large);
    }
}
