using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BuildGraph.Grpc;

/// <summary>
/// Maps gRPC methods onto Kestrel routes. The helper owns framing, protocol checks, limits, deadlines,
/// status mapping and trailers; handlers see messages and a <see cref="ServerCallContext"/>, and
/// answer a non-OK status by throwing <see cref="RpcException"/> (anything else is UNKNOWN).
/// </summary>
public static class RpcEndpointRouteBuilderExtensions
{
    public static IEndpointConventionBuilder MapUnary<TRequest, TResponse>(this IEndpointRouteBuilder endpoints,
        RpcMethod<TRequest, TResponse> method, Func<TRequest, ServerCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        endpoints.MapPost(method.FullName, http => RpcServerCall.HandleAsync(http, method.FullName, async call =>
        {
            var request = await call.ReadSingleAsync(method.RequestParser).ConfigureAwait(false);
            var response = await handler(request, call.Context).ConfigureAwait(false);
            await call.WriteAsync(response, flush: false).ConfigureAwait(false);
        }));

    public static IEndpointConventionBuilder MapServerStreaming<TRequest, TResponse>(this IEndpointRouteBuilder endpoints,
        RpcMethod<TRequest, TResponse> method, Func<TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        endpoints.MapPost(method.FullName, http => RpcServerCall.HandleAsync(http, method.FullName, async call =>
        {
            var request = await call.ReadSingleAsync(method.RequestParser).ConfigureAwait(false);
            await handler(request, new StreamWriter<TResponse>(call), call.Context).ConfigureAwait(false);
        }));

    public static IEndpointConventionBuilder MapClientStreaming<TRequest, TResponse>(this IEndpointRouteBuilder endpoints,
        RpcMethod<TRequest, TResponse> method, Func<IAsyncEnumerable<TRequest>, ServerCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        endpoints.MapPost(method.FullName, http => RpcServerCall.HandleAsync(http, method.FullName, async call =>
        {
            var response = await handler(ReadAllAsync(call, method.RequestParser), call.Context).ConfigureAwait(false);
            await call.WriteAsync(response, flush: false).ConfigureAwait(false);
        }));

    /// <summary>Every other route answers UNIMPLEMENTED (trailers-only), as gRPC servers do.</summary>
    public static IEndpointConventionBuilder MapUnimplementedFallback(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapFallback(http => RpcServerCall.HandleAsync(http, http.Request.Path, _ =>
            throw new RpcException(StatusCode.Unimplemented, $"Method {http.Request.Path} is not implemented")));

    private static async IAsyncEnumerable<T> ReadAllAsync<T>(RpcServerCall call, MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        while (await call.ReadAsync(parser).ConfigureAwait(false) is { } message)
            yield return message;
    }

    private sealed class StreamWriter<T>(RpcServerCall call) : IServerStreamWriter<T>
        where T : class, IMessage<T>
    {
        public Task WriteAsync(T message) => call.WriteAsync(message, flush: true);
    }
}
