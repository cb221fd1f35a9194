using BuildGraph.Protos.Reapi;
using BuildGraph.Grpc;

namespace BuildGraph.Grpc.Services;

/// <summary><c>build.bazel.remote.execution.v2.ActionCache</c>.</summary>
public static class ActionCacheMethods
{
    public const string Service = "build.bazel.remote.execution.v2.ActionCache";

    public static readonly RpcMethod<GetActionResultRequest, ActionResult> GetActionResult =
        new(MethodType.Unary, Service, "GetActionResult", GetActionResultRequest.Parser, ActionResult.Parser);

    public static readonly RpcMethod<UpdateActionResultRequest, ActionResult> UpdateActionResult =
        new(MethodType.Unary, Service, "UpdateActionResult", UpdateActionResultRequest.Parser, ActionResult.Parser);
}
