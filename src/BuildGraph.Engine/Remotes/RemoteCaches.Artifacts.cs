using System.Diagnostics;
using BuildGraph.Abstractions;
using BuildGraph.Engine.Artifacts;
using BuildGraph.Engine.Building;
using BuildGraph.Engine.Graph;
using BuildGraph.Protos.BuildStream;
using BuildGraph.Yaml;
using Google.Protobuf;

namespace BuildGraph.Engine.Remotes;

public sealed partial class RemoteCaches
{
    /// <summary>
    /// Pulls the element's artifact: its Artifact message from an index (Remote Asset FetchBlob of the
    /// artifact URN), then the message and everything it names from a storage remote into the local CAS,
    /// every blob checked against its digest. The local ref is committed last, so an interrupted pull
    /// leaves no artifact. Remote failures are warnings, never errors.
    /// </summary>
    public async Task<TransferResult> PullArtifactAsync(Element element, ArtifactCache artifacts, Action<BuildMessage> report,
        CancellationToken cancellationToken)
    {
        if (element.CacheKey is not { } key || element.IsJunction)
            return TransferResult.Skipped;
        var remotes = Endpoints(ArtifactSpecs(element.Project));
        if (remotes.Count == 0)
            return TransferResult.Skipped;
        var clock = Stopwatch.StartNew();
        var (digest, failed) = await LookUpAsync(remotes, [RemoteAssetNames.Artifact(ArtifactNames.Of(element, key))], element, "looking up the artifact",
            report, cancellationToken).ConfigureAwait(false);
        if (digest is null)
            return failed ? TransferResult.Failed : TransferResult.Skipped;
        return await PullFromStorageAsync(remotes, element, $"the artifact {digest}", async remote =>
        {
            await remote.Cache.DownloadAsync([digest.Value], cancellationToken).ConfigureAwait(false);
            var artifact = Artifact.Parser.ParseFrom(await ReadLocalAsync(artifacts.Cas, digest.Value, cancellationToken).ConfigureAwait(false));
            if (artifact.Files is { } files)
                await remote.Cache.DownloadTreeAsync(files.ToDigest(), cancellationToken).ConfigureAwait(false);
            await remote.Cache.DownloadAsync(ReferencedBlobs(artifact), cancellationToken).ConfigureAwait(false);
            if ((await artifacts.FindMissingBlobsAsync(artifact, cancellationToken).ConfigureAwait(false)).Count > 0)
                return false;
            cancellationToken.ThrowIfCancellationRequested();
            artifacts.Commit(element, artifact);
            report(new BuildMessage(BuildEvent.Pulled, element, $"pulled from {remote.Spec}", clock.Elapsed));
            return true;
        }, report, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Pushes the element's cached artifact to every remote that may be pushed to: all blobs first (files
    /// tree, logs, public data, metadata, the Artifact message itself; FindMissingBlobs decides what is
    /// sent), then the index entry (PushBlob of the URNs of its strong and weak keys). A push cut short
    /// leaves no entry. Remote failures are warnings, never errors.
    /// </summary>
    public async Task<TransferResult> PushArtifactAsync(Element element, ArtifactCache artifacts, Action<BuildMessage> report,
        CancellationToken cancellationToken)
    {
        if (element.IsJunction)
            return TransferResult.Skipped;
        var remotes = Endpoints(ArtifactSpecs(element.Project).Where(s => s.Push).ToList());
        if (remotes.Count == 0 || artifacts.TryGet(element) is not { } artifact)
            return TransferResult.Skipped;
        var clock = Stopwatch.StartNew();
        var digest = await artifacts.Cas.PutBytesAsync(artifact.ToByteArray(), cancellationToken).ConfigureAwait(false);
        var urns = new[] { artifact.StrongKey, artifact.WeakKey }.Where(k => k.Length > 0).Distinct()
            .Select(k => RemoteAssetNames.Artifact(ArtifactNames.Of(element, k))).ToList();
        if (urns.Count == 0 && element.CacheKey is { } key)
            urns.Add(RemoteAssetNames.Artifact(ArtifactNames.Of(element, key)));
        var blobs = ReferencedBlobs(artifact);
        var directories = artifact.Files is { } files ? new[] { files.ToDigest() } : [];
        var (result, pushed) = await PushAsync(remotes, element, urns, digest, blobs, directories, "the artifact", report, cancellationToken).ConfigureAwait(false);
        if (result == TransferResult.Done)
            report(new BuildMessage(BuildEvent.Pushed, element, $"pushed to {string.Join(", ", pushed)}", clock.Elapsed));
        return result;
    }

    /// <summary>The blobs an artifact names besides its trees: metadata, public data and logs.</summary>
    private static List<Digest> ReferencedBlobs(Artifact artifact)
    {
        var blobs = new List<Digest>();
        foreach (var digest in new[] { artifact.LowDiversityMeta, artifact.HighDiversityMeta, artifact.PublicData })
        {
            if (digest is not null)
                blobs.Add(digest.ToDigest());
        }
        blobs.AddRange(artifact.Logs.Where(l => l.Digest is not null).Select(l => l.Digest.ToDigest()));
        return blobs;
    }

    private static async Task<byte[]> ReadLocalAsync(ITreeStore cas, Digest digest, CancellationToken cancellationToken)
    {
        await using var stream = await cas.OpenReadAsync(digest, cancellationToken).ConfigureAwait(false)
            ?? throw new CasException(ErrorReason.BlobNotFound, $"Blob {digest} is not in the local CAS");
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
