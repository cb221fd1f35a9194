using Google.Protobuf;

namespace BuildGraph.Grpc;

/// <summary>
/// A connection to one gRPC server, shared by any number of concurrent calls (thread-safe).
/// Calls fail with <see cref="RpcException"/> carrying the server's status, DEADLINE_EXCEEDED when the
/// call's timeout fires, or UNAVAILABLE when the server cannot be reached; cancelling the caller's token
/// throws <see cref="OperationCanceledException"/>.
/// </summary>
public interface IRpcChannel
{
    Task<TResponse> UnaryAsync<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method, TRequest request,
        CallOptions? options = null)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>;

    /// <summary>The server's messages; the final status is checked when the enumeration ends.</summary>
    IAsyncEnumerable<TResponse> ServerStreamingAsync<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method,
        TRequest request, CallOptions? options = null)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>;

    /// <summary>Starts a client-streaming call: write messages, then complete it for the response.</summary>
    IClientStreamingCall<TRequest, TResponse> ClientStreaming<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method,
        CallOptions? options = null)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>;
}
