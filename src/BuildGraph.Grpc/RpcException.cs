namespace BuildGraph.Grpc;

/// <summary>
/// A call that ended with a status other than OK: thrown by clients for the peer's status (or a
/// transport failure mapped to one), and thrown by server handlers to answer with a status.
/// </summary>
public sealed class RpcException : Exception
{
    public RpcException(StatusCode status, string detail, Metadata? trailers = null, Exception? inner = null)
        : base($"{status}: {detail}", inner)
    {
        Status = status;
        Detail = detail;
        Trailers = trailers ?? new Metadata();
    }

    public StatusCode Status { get; }

    /// <summary>The status message (<c>grpc-message</c>), decoded.</summary>
    public string Detail { get; }

    /// <summary>Trailers sent with the status (e.g. <c>grpc-status-details-bin</c>).</summary>
    public Metadata Trailers { get; }
}
