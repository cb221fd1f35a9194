using BuildGraph.Protos.ByteStream;
using BuildGraph.Grpc;

namespace BuildGraph.Grpc.Services;

/// <summary><c>google.bytestream.ByteStream</c>.</summary>
public static class ByteStreamMethods
{
    public const string Service = "google.bytestream.ByteStream";

    public static readonly RpcMethod<ReadRequest, ReadResponse> Read =
        new(MethodType.ServerStreaming, Service, "Read", ReadRequest.Parser, ReadResponse.Parser);

    public static readonly RpcMethod<WriteRequest, WriteResponse> Write =
        new(MethodType.ClientStreaming, Service, "Write", WriteRequest.Parser, WriteResponse.Parser);

    public static readonly RpcMethod<QueryWriteStatusRequest, QueryWriteStatusResponse> QueryWriteStatus =
        new(MethodType.Unary, Service, "QueryWriteStatus", QueryWriteStatusRequest.Parser, QueryWriteStatusResponse.Parser);
}
