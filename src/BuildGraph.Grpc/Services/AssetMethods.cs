using BuildGraph.Protos.Asset;
using BuildGraph.Grpc;

namespace BuildGraph.Grpc.Services;

/// <summary>Remote Asset API: <c>build.bazel.remote.asset.v1.Fetch</c> and <c>.Push</c>.</summary>
public static class AssetMethods
{
    public const string FetchService = "build.bazel.remote.asset.v1.Fetch";
    public const string PushService = "build.bazel.remote.asset.v1.Push";

    public static readonly RpcMethod<FetchBlobRequest, FetchBlobResponse> FetchBlob =
        new(MethodType.Unary, FetchService, "FetchBlob", FetchBlobRequest.Parser, FetchBlobResponse.Parser);

    public static readonly RpcMethod<FetchDirectoryRequest, FetchDirectoryResponse> FetchDirectory =
        new(MethodType.Unary, FetchService, "FetchDirectory", FetchDirectoryRequest.Parser, FetchDirectoryResponse.Parser);

    public static readonly RpcMethod<PushBlobRequest, PushBlobResponse> PushBlob =
        new(MethodType.Unary, PushService, "PushBlob", PushBlobRequest.Parser, PushBlobResponse.Parser);

    public static readonly RpcMethod<PushDirectoryRequest, PushDirectoryResponse> PushDirectory =
        new(MethodType.Unary, PushService, "PushDirectory", PushDirectoryRequest.Parser, PushDirectoryResponse.Parser);
}
