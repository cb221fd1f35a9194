using BuildGraph.Abstractions;
using ReapiDirectory = BuildGraph.Protos.Reapi.Directory;

namespace BuildGraph.Engine.Artifacts;

/// <summary>What building needs from the local CAS: blobs, directory trees and object files to link.</summary>
public interface ITreeStore : ICasStore
{
    /// <summary>The object's file on disk for hard-linking (read-only), or null when absent.</summary>
    string? TryGetObjectPath(Digest digest);

    /// <summary>An executable (0555) twin of the object, for hard-linking executables; null when absent.</summary>
    string? TryGetExecutablePath(Digest digest);

    Task<ReapiDirectory> GetDirectoryAsync(Digest digest, CancellationToken cancellationToken);

    /// <summary>Imports a host directory tree; returns the root Directory's digest.</summary>
    Task<Digest> ImportDirectoryAsync(string hostDirectory, CancellationToken cancellationToken);

    Task<Digest> PutBytesAsync(byte[] content, CancellationToken cancellationToken);

    /// <summary>Every entry of a stored tree, parents before children.</summary>
    IAsyncEnumerable<BuildGraph.Cas.TreeEntry> ListAsync(Digest root, CancellationToken cancellationToken);

    /// <summary>Writes a tree out to a host directory (hard links or copies).</summary>
    Task CheckoutAsync(Digest root, string hostDirectory, bool useHardlinks, CancellationToken cancellationToken);
}
