using BuildGraph.Abstractions;

namespace BuildGraph.Engine.Remotes;

/// <summary>
/// One remote cache endpoint, as the engine needs it: the Remote Asset index (names to blobs) and the
/// CAS (blobs), moving blobs between it and the local CAS. Implementations live outside the engine
/// (the CLI picks one). Thread-safe. Failures of the remote are <see cref="Yaml.BgxException"/> with
/// domain Remote (reason BlobNotFound when it lacks a blob; <see cref="Yaml.BgxException.IsTransient"/>
/// when it is unreachable or overloaded); a blob missing from the local CAS is a CasException;
/// cancellation passes through.
/// </summary>
public interface IRemoteCache : IDisposable
{
    RemoteSpec Spec { get; }

    /// <summary>Which services answer: the Remote Asset index and the CAS. Throws when the remote is unreachable.</summary>
    Task<(bool Index, bool Storage)> ProbeAsync(CancellationToken cancellationToken);

    /// <summary>The blob pushed for any of <paramref name="urns"/>, or null.</summary>
    Task<Digest?> FetchBlobAsync(IReadOnlyList<string> urns, CancellationToken cancellationToken);

    /// <summary>Maps <paramref name="urns"/> to <paramref name="blob"/>; everything referenced must be uploaded first.</summary>
    Task PushBlobAsync(IReadOnlyList<string> urns, Digest blob, IReadOnlyList<Digest> referencedBlobs,
        IReadOnlyList<Digest> referencedDirectories, CancellationToken cancellationToken);

    /// <summary>Uploads the blobs the remote lacks (asking FindMissingBlobs first) from the local CAS; returns how many.</summary>
    Task<int> UploadAsync(IReadOnlyCollection<Digest> blobs, CancellationToken cancellationToken);

    /// <summary>Uploads a stored directory tree (Directory messages and files) the remote lacks.</summary>
    Task<int> UploadTreeAsync(Digest root, CancellationToken cancellationToken);

    /// <summary>Downloads the blobs the local CAS lacks, each checked against its digest.</summary>
    Task<int> DownloadAsync(IReadOnlyCollection<Digest> blobs, CancellationToken cancellationToken);

    /// <summary>Downloads a directory tree into the local CAS, checked blob by blob.</summary>
    Task<int> DownloadTreeAsync(Digest root, CancellationToken cancellationToken);
}
