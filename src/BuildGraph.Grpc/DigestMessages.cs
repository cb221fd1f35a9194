using BuildGraph.Abstractions;
using ProtoDigest = BuildGraph.Protos.Reapi.Digest;

namespace BuildGraph.Grpc;

/// <summary>Conversions between <see cref="Digest"/> and the REAPI Digest message.</summary>
public static class DigestMessages
{
    public static ProtoDigest ToProto(this Digest digest) => new() { Hash = digest.Hash, SizeBytes = digest.SizeBytes };

    /// <summary>False for a missing or malformed digest (not lowercase sha256 hex, negative size).</summary>
    public static bool TryToDigest(this ProtoDigest? message, out Digest digest)
    {
        digest = default;
        if (message is null || message.SizeBytes < 0)
            return false;
        return Digest.TryParse($"{message.Hash}/{message.SizeBytes}", out digest);
    }
}
