namespace BuildGraph.Grpc;

/// <summary>
/// A client-streaming call in progress. Not thread-safe: one writer at a time. Disposing a call that
/// was not completed cancels it.
/// </summary>
public interface IClientStreamingCall<in TRequest, TResponse> : IAsyncDisposable
{
    /// <summary>
    /// Sends one message (flushed at once). Returns false, sending nothing, when the server has already
    /// answered OK (ByteStream.Write of a blob it holds): stop writing and call <see cref="CompleteAsync"/>.
    /// </summary>
    /// <exception cref="RpcException">The server already ended the call with an error: its status.</exception>
    Task<bool> WriteAsync(TRequest message);

    /// <summary>Half-closes the request stream and waits for the server's response and status.</summary>
    Task<TResponse> CompleteAsync();
}
