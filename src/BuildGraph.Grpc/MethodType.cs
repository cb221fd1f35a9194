namespace BuildGraph.Grpc;

/// <summary>How many messages each side of a call sends.</summary>
public enum MethodType
{
    Unary,
    ClientStreaming,
    ServerStreaming,
    DuplexStreaming,
}
