using BuildGraph.Protos.Reapi;
using BuildGraph.Protos.SemVer;
using BuildGraph.Grpc;

namespace BuildGraph.Server.Services;

/// <summary>
/// Capabilities: SHA256 only, the batch limit, action-cache updates when pushing is enabled, no
/// execution. Bazel needs 2.0 within [low, high] and update_enabled to upload results.
/// </summary>
internal sealed class CapabilitiesService(PushPolicy push)
{
    public Task<ServerCapabilities> GetCapabilitiesAsync(GetCapabilitiesRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerCapabilities
        {
            CacheCapabilities = new CacheCapabilities
            {
                DigestFunctions = { DigestFunction.Types.Value.Sha256 },
                ActionCacheUpdateCapabilities = new ActionCacheUpdateCapabilities { UpdateEnabled = push.PushEnabled },
                MaxBatchTotalSizeBytes = CasService.MaxBatchTotalSize,
                SymlinkAbsolutePathStrategy = SymlinkAbsolutePathStrategy.Types.Value.Allowed,
                SupportedCompressors = { Compressor.Types.Value.Identity },
            },
            LowApiVersion = new SemVer { Major = 2 },
            HighApiVersion = new SemVer { Major = 2, Minor = 2 },
        });

    /// <summary>Requests may name SHA256 or leave the digest function unset.</summary>
    public static void CheckDigestFunction(DigestFunction.Types.Value function)
    {
        if (function is not (DigestFunction.Types.Value.Unknown or DigestFunction.Types.Value.Sha256))
            throw new RpcException(StatusCode.InvalidArgument, $"Unsupported digest function {function}: this server uses SHA256");
    }
}
