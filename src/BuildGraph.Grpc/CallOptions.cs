namespace BuildGraph.Grpc;

/// <summary>Per-call settings: a timeout (sent as <c>grpc-timeout</c>), cancellation and request metadata.</summary>
public sealed record CallOptions
{
    public static CallOptions Default { get; } = new();

    /// <summary>How long the whole call may take; null: no deadline.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Cancels the call (the stream is reset; the server sees CANCELLED).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Request metadata, sent as HTTP/2 headers.</summary>
    public Metadata? Headers { get; init; }
}
