using BuildGraph.Grpc;
using RpcStatus = BuildGraph.Protos.Rpc.Status;

namespace BuildGraph.Grpc;

/// <summary><c>google.rpc.Status</c> messages for per-item results (batch responses, asset fetches).</summary>
public static class RpcStatuses
{
    public static RpcStatus Ok => new() { Code = 0 };

    public static RpcStatus Of(StatusCode code, string message) => new() { Code = (int)code, Message = message };

    public static StatusCode CodeOf(RpcStatus? status) => (StatusCode)(status?.Code ?? 0);
}
