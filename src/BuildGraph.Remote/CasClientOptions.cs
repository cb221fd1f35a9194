namespace BuildGraph.Remote;

/// <summary>How a <see cref="CasClient"/> talks to its server.</summary>
public sealed record CasClientOptions
{
    /// <summary>The REAPI instance name ("" for none; may contain slashes).</summary>
    public string InstanceName { get; init; } = "";

    /// <summary>
    /// Upper bound for one BatchUpdateBlobs/BatchReadBlobs request; the server's advertised limit
    /// lowers it. Blobs that do not fit go through ByteStream.
    /// </summary>
    public long MaxBatchTotalSize { get; init; } = 4 * 1024 * 1024 - 64 * 1024;

    /// <summary>Used when the server does not answer GetCapabilities (1 MiB, as BuildStream's servers).</summary>
    public long FallbackBatchTotalSize { get; init; } = 1024 * 1024;

    /// <summary>Calls in flight at once (batches and ByteStream transfers).</summary>
    public int Parallelism { get; init; } = 8;

    /// <summary>ByteStream.Write message size.</summary>
    public int ChunkSize { get; init; } = 1024 * 1024;

    /// <summary>Attempts per transfer when a call fails transiently (UNAVAILABLE, DEADLINE_EXCEEDED, …); 1: no retry.</summary>
    public int RetryAttempts { get; init; } = 3;

    /// <summary>Wait before the second attempt; doubled before each further one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Deadline of each unary call (ByteStream transfers have none: they may be large).</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromMinutes(2);
}
