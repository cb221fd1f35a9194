using BuildGraph.Grpc;
using BuildGraph.Yaml;

namespace BuildGraph.Remote;

/// <summary>
/// A remote cache call failed. <see cref="Status"/> is the gRPC status; <see cref="BgxException.IsTransient"/>
/// is true for UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED and RESOURCE_EXHAUSTED (worth retrying later).
/// </summary>
public sealed class RemoteException : BgxException
{
    public RemoteException(ErrorReason reason, StatusCode status, string message, string? detail = null, Exception? inner = null)
        : base(ErrorDomain.Remote, reason, null, message, detail, IsTransientStatus(status), inner)
    {
        Status = status;
    }

    public StatusCode Status { get; }

    public static bool IsTransientStatus(StatusCode status) =>
        status is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted or StatusCode.ResourceExhausted;

    /// <summary>Wraps a failed call at the boundary, keeping it as the inner exception.</summary>
    public static RemoteException From(RpcException e, string what) =>
        new(e.Status == StatusCode.NotFound ? ErrorReason.BlobNotFound : ErrorReason.RemoteError, e.Status,
            $"{what} failed: {e.Status}", e.Detail.Length > 0 ? e.Detail : null, e);
}
