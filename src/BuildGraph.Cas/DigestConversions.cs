using BuildGraph.Abstractions;
using BuildGraph.Yaml;
using ProtoDigest = BuildGraph.Protos.Reapi.Digest;

namespace BuildGraph.Cas;

internal static class DigestConversions
{
    public static ProtoDigest ToProto(this Digest digest) => new() { Hash = digest.Hash, SizeBytes = digest.SizeBytes };

    /// <summary>Checks a digest read from a message.</summary>
    /// <exception cref="CasException">InvalidData: not a sha256 digest (a foreign or damaged message).</exception>
    public static Digest ToDigest(this ProtoDigest? digest)
    {
        if (digest is null)
            throw new CasException(ErrorReason.InvalidData, "A directory entry has no digest");
        try
        {
            return new Digest(digest.Hash, digest.SizeBytes);
        }
        catch (ArgumentException e)
        {
            throw new CasException(ErrorReason.InvalidData, $"Invalid digest '{digest.Hash}/{digest.SizeBytes}'", inner: e);
        }
    }
}
