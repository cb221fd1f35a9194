using BuildGraph.Protos.Reapi;
using BuildGraph.Grpc;

namespace BuildGraph.Grpc.Services;

/// <summary><c>build.bazel.remote.execution.v2.Capabilities</c>.</summary>
public static class CapabilitiesMethods
{
    public const string Service = "build.bazel.remote.execution.v2.Capabilities";

    public static readonly RpcMethod<GetCapabilitiesRequest, ServerCapabilities> GetCapabilities =
        new(MethodType.Unary, Service, "GetCapabilities", GetCapabilitiesRequest.Parser, ServerCapabilities.Parser);
}
