using BuildGraph.Abstractions;
using BuildGraph.Engine.Building;
using BuildGraph.Engine.Graph;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Remotes;

public sealed partial class RemoteCaches
{
    /// <summary>The blob the first index that knows any of <paramref name="urns"/> maps them to, or null; and whether an index failed.</summary>
    private static async Task<(Digest? Digest, bool Failed)> LookUpAsync(IReadOnlyList<RemoteEndpoint> remotes, IReadOnlyList<string> urns, Element element,
        string what, Action<BuildMessage> report, CancellationToken cancellationToken)
    {
        var failed = false;
        foreach (var remote in remotes)
        {
            if (!await remote.CanIndexAsync(push: false, report, cancellationToken).ConfigureAwait(false))
            {
                failed |= remote.IsDown;
                continue;
            }
            try
            {
                if (await remote.Cache.FetchBlobAsync(urns, cancellationToken).ConfigureAwait(false) is { } digest)
                    return (digest, false);
            }
            catch (BgxException e) when (e.Domain == ErrorDomain.Remote)
            {
                remote.Failed(e, pushing: false, element, what, report);
                failed = true;
            }
        }
        return (null, failed);
    }

    /// <summary>
    /// Uploads <paramref name="blob"/>, <paramref name="blobs"/> and the <paramref name="directories"/>
    /// trees to every storage remote, then maps <paramref name="urns"/> to <paramref name="blob"/> on every
    /// index that lacks that mapping, only once the blobs are stored: a push cut short leaves no entry.
    /// Returns the outcome and the remotes written to.
    /// </summary>
    private static async Task<(TransferResult Result, List<string> PushedTo)> PushAsync(IReadOnlyList<RemoteEndpoint> remotes,
        Element element, IReadOnlyList<string> urns, Digest blob, IReadOnlyList<Digest> blobs, IReadOnlyList<Digest> directories,
        string what, Action<BuildMessage> report, CancellationToken cancellationToken)
    {
        var indexes = new List<RemoteEndpoint>();
        var anyIndex = false;
        var failed = false;
        foreach (var remote in remotes)
        {
            if (!await remote.CanIndexAsync(push: true, report, cancellationToken).ConfigureAwait(false))
            {
                failed |= remote.IsDown && remote.Spec.HasIndex;
                continue;
            }
            anyIndex = true;
            try
            {
                if (await remote.Cache.FetchBlobAsync(urns, cancellationToken).ConfigureAwait(false) != blob)
                    indexes.Add(remote);
            }
            catch (BgxException e) when (e.Domain == ErrorDomain.Remote)
            {
                remote.Failed(e, pushing: false, element, $"looking up {what}", report);
                failed = true;
            }
        }
        if (anyIndex && indexes.Count == 0)
            return (failed ? TransferResult.Failed : TransferResult.Skipped, []); // every index that answered has it
        var stored = new List<string>();
        foreach (var remote in remotes)
        {
            if (!await remote.CanStoreAsync(push: true, report, cancellationToken).ConfigureAwait(false))
                continue;
            try
            {
                foreach (var directory in directories)
                    await remote.Cache.UploadTreeAsync(directory, cancellationToken).ConfigureAwait(false);
                await remote.Cache.UploadAsync([blob, .. blobs], cancellationToken).ConfigureAwait(false);
                stored.Add(remote.Spec.ToString());
            }
            catch (BgxException e) when (e.Domain == ErrorDomain.Remote)
            {
                remote.Failed(e, pushing: true, element, $"uploading {what}", report);
            }
            catch (CasException e)
            {
                report(new BuildMessage(BuildEvent.Warning, element, $"Cannot push {what}: the local cache lacks part of it: {e.Message}", TimeSpan.Zero));
                return (TransferResult.Failed, []);
            }
        }
        if (stored.Count == 0)
            return (TransferResult.Failed, []); // an index entry without its blobs would be worse than none
        if (!anyIndex)
            return (failed ? TransferResult.Failed : TransferResult.Done, stored); // storage-only remotes
        var pushed = new List<string>();
        foreach (var remote in indexes)
        {
            if (!await remote.CanIndexAsync(push: true, report, cancellationToken).ConfigureAwait(false))
                continue;
            try
            {
                await remote.Cache.PushBlobAsync(urns, blob, blobs, directories, cancellationToken).ConfigureAwait(false);
                pushed.Add(remote.Spec.ToString());
            }
            catch (BgxException e) when (e.Domain == ErrorDomain.Remote)
            {
                remote.Failed(e, pushing: true, element, $"pushing {what}", report);
            }
        }
        return (pushed.Count > 0 ? TransferResult.Done : TransferResult.Failed, pushed);
    }

    /// <summary>
    /// Tries each storage remote in turn for the record <paramref name="digest"/> the index named:
    /// <paramref name="download"/> fetches and commits it (true), finds a remote lacks part of it (false),
    /// or finds nothing usable (null). Remote failures are warnings, never errors.
    /// </summary>
    /// <param name="what">What is pulled, for messages: "the artifact", "the sources".</param>
    private static async Task<TransferResult> PullFromStorageAsync(IReadOnlyList<RemoteEndpoint> remotes, Element element, string what,
        Func<RemoteEndpoint, Task<bool?>> download, Action<BuildMessage> report, CancellationToken cancellationToken)
    {
        bool incomplete = false, failed = false;
        foreach (var remote in remotes)
        {
            if (!await remote.CanStoreAsync(push: false, report, cancellationToken).ConfigureAwait(false))
                continue;
            try
            {
                switch (await download(remote).ConfigureAwait(false))
                {
                    case true:
                        return TransferResult.Done;
                    case false:
                        incomplete = true;
                        break;
                }
            }
            catch (BgxException e) when (e.Domain == ErrorDomain.Remote && e.Reason == ErrorReason.BlobNotFound)
            {
                incomplete = true; // this remote lacks part of it; another one may have everything
            }
            catch (BgxException e) when (e.Domain == ErrorDomain.Remote)
            {
                failed = true;
                remote.Failed(e, pushing: false, element, "pulling " + what, report);
            }
            catch (Google.Protobuf.InvalidProtocolBufferException e)
            {
                failed = true;
                report(new BuildMessage(BuildEvent.Warning, element, $"Remote cache {remote.Spec} sent an unreadable record for {what}: {e.Message}", TimeSpan.Zero));
            }
        }
        if (incomplete)
            report(new BuildMessage(BuildEvent.Warning, element, $"The index names {what} but no remote cache holds all of its blobs", TimeSpan.Zero));
        return failed || incomplete ? TransferResult.Failed : TransferResult.Skipped;
    }
}
