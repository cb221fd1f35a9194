using Google.Protobuf;

namespace BuildGraph.Grpc;

/// <summary>One RPC: its route <c>/package.Service/Method</c>, its kind and its message parsers. Immutable.</summary>
public sealed class RpcMethod<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public RpcMethod(MethodType type, string serviceName, string name, MessageParser<TRequest> requestParser,
        MessageParser<TResponse> responseParser)
    {
        Type = type;
        ServiceName = serviceName;
        Name = name;
        FullName = $"/{serviceName}/{name}";
        RequestParser = requestParser;
        ResponseParser = responseParser;
    }

    public MethodType Type { get; }

    /// <summary>The fully qualified service name, e.g. <c>google.bytestream.ByteStream</c>.</summary>
    public string ServiceName { get; }

    public string Name { get; }

    /// <summary>The HTTP/2 <c>:path</c>: <c>/google.bytestream.ByteStream/Read</c>.</summary>
    public string FullName { get; }

    public MessageParser<TRequest> RequestParser { get; }
    public MessageParser<TResponse> ResponseParser { get; }

    public override string ToString() => FullName;
}
