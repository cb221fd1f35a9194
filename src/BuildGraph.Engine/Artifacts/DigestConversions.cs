using BuildGraph.Abstractions;

namespace BuildGraph.Engine.Artifacts;

public static class DigestConversions
{
    public static Digest ToDigest(this Protos.Reapi.Digest digest) => new(digest.Hash, digest.SizeBytes);

    public static Protos.Reapi.Digest ToProto(this Digest digest) => new() { Hash = digest.Hash, SizeBytes = digest.SizeBytes };
}
