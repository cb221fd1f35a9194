using BuildGraph.Abstractions;
using BuildGraph.Grpc;

namespace BuildGraph.Server.Services;

/// <summary>
/// A ByteStream resource name: <c>{instance}/blobs/{hash}/{size}[/…]</c> for reads,
/// <c>{instance}/uploads/{uuid}/blobs/{hash}/{size}[/…]</c> for writes. Instance names may contain
/// slashes (but no segment named blobs, uploads or compressed-blobs).
/// </summary>
internal sealed record BlobResource(string Instance, Digest Digest, string? UploadId)
{
    /// <exception cref="RpcException">INVALID_ARGUMENT: not a read resource name.</exception>
    public static BlobResource ParseRead(string name)
    {
        var segments = name.Split('/');
        var i = Array.IndexOf(segments, "blobs");
        if (i >= 0 && i + 2 < segments.Length && !segments[..i].Contains("uploads"))
            return new BlobResource(string.Join('/', segments[..i]), ParseDigest(segments[i + 1], segments[i + 2], name), null);
        throw Invalid(name);
    }

    /// <exception cref="RpcException">INVALID_ARGUMENT: not an upload resource name.</exception>
    public static BlobResource ParseWrite(string name)
    {
        var segments = name.Split('/');
        var i = Array.IndexOf(segments, "uploads");
        if (i >= 0 && i + 4 < segments.Length && segments[i + 2] == "blobs" && segments[i + 1].Length > 0)
            return new BlobResource(string.Join('/', segments[..i]), ParseDigest(segments[i + 3], segments[i + 4], name), segments[i + 1]);
        throw Invalid(name);
    }

    private static Digest ParseDigest(string hash, string size, string name) =>
        Digest.TryParse($"{hash}/{size}", out var digest) ? digest : throw Invalid(name);

    private static RpcException Invalid(string name) =>
        name.Contains("compressed-blobs/")
            ? new RpcException(StatusCode.InvalidArgument, $"Compressed blobs are not supported: '{name}'")
            : new RpcException(StatusCode.InvalidArgument, $"Invalid resource name '{name}'");
}
