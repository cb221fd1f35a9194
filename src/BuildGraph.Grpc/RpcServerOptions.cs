namespace BuildGraph.Grpc;

/// <summary>Server-side message limits; register one as a singleton to change the 4 MiB defaults.</summary>
public sealed class RpcServerOptions
{
    public int MaxReceiveMessageSize { get; init; } = GrpcProtocol.DefaultMaxMessageSize;
    public int MaxSendMessageSize { get; init; } = GrpcProtocol.DefaultMaxMessageSize;
}
