using BuildGraph.Protos.Reapi;
using BuildGraph.Grpc;

namespace BuildGraph.Grpc.Services;

/// <summary><c>build.bazel.remote.execution.v2.ContentAddressableStorage</c>.</summary>
public static class CasMethods
{
    public const string Service = "build.bazel.remote.execution.v2.ContentAddressableStorage";

    public static readonly RpcMethod<FindMissingBlobsRequest, FindMissingBlobsResponse> FindMissingBlobs =
        new(MethodType.Unary, Service, "FindMissingBlobs", FindMissingBlobsRequest.Parser, FindMissingBlobsResponse.Parser);

    public static readonly RpcMethod<BatchUpdateBlobsRequest, BatchUpdateBlobsResponse> BatchUpdateBlobs =
        new(MethodType.Unary, Service, "BatchUpdateBlobs", BatchUpdateBlobsRequest.Parser, BatchUpdateBlobsResponse.Parser);

    public static readonly RpcMethod<BatchReadBlobsRequest, BatchReadBlobsResponse> BatchReadBlobs =
        new(MethodType.Unary, Service, "BatchReadBlobs", BatchReadBlobsRequest.Parser, BatchReadBlobsResponse.Parser);

    public static readonly RpcMethod<GetTreeRequest, GetTreeResponse> GetTree =
        new(MethodType.ServerStreaming, Service, "GetTree", GetTreeRequest.Parser, GetTreeResponse.Parser);
}
