using BuildGraph.Abstractions;
using BuildGraph.Grpc;
using BuildGraph.Server.Storage;
using BuildGraph.Yaml;

namespace BuildGraph.Server.Services;

/// <summary>Maps storage failures to the status a client should see.</summary>
internal static class StoreErrors
{
    public static RpcException ToRpc(Exception e) => e switch
    {
        RpcException rpc => rpc,
        CasException { Reason: ErrorReason.DigestMismatch } cas => new RpcException(StatusCode.InvalidArgument, cas.Render()),
        CasException { Reason: ErrorReason.CorruptBlob } cas => new RpcException(StatusCode.NotFound, cas.Message),
        CasException { Reason: ErrorReason.BlobNotFound } cas => new RpcException(StatusCode.FailedPrecondition, cas.Message),
        CasException { Reason: ErrorReason.InvalidData } cas => new RpcException(StatusCode.InvalidArgument, cas.Message),
        QuotaExceededException quota => new RpcException(StatusCode.ResourceExhausted, quota.Message),
        MissingReferencesException missing => new RpcException(StatusCode.FailedPrecondition, missing.Message),
        _ => new RpcException(StatusCode.Internal, "Storage failure", inner: e),
    };

    public static Digest RequireDigest(Protos.Reapi.Digest? message, string what) =>
        Grpc.DigestMessages.TryToDigest(message, out var digest)
            ? digest
            : throw new RpcException(StatusCode.InvalidArgument, $"Invalid {what} digest '{message?.Hash}/{message?.SizeBytes}'");
}
