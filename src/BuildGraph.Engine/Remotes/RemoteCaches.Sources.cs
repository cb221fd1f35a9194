using System.Diagnostics;
using BuildGraph.Engine.Artifacts;
using BuildGraph.Engine.Building;
using BuildGraph.Engine.Graph;
using BuildGraph.Engine.Sources;
using BuildGraph.Yaml;
using Google.Protobuf;
using SourceMessage = BuildGraph.Protos.BuildStream.Source;

namespace BuildGraph.Engine.Remotes;

public sealed partial class RemoteCaches
{
    /// <summary>
    /// Pulls the element's staged sources, as BuildStream 2 stores them: the Source message under the
    /// source URN of the sources' key, then its tree, verified, and the local record last. Remote failures
    /// are warnings. Project-local sources are never pulled.
    /// </summary>
    public async Task<TransferResult> PullSourcesAsync(Element element, ArtifactCache artifacts, Action<BuildMessage> report,
        CancellationToken cancellationToken)
    {
        if (SourceCache.IsProjectLocal(element) || SourceCache.KeyOf(element) is not { } key)
            return TransferResult.Skipped;
        var remotes = Endpoints(SourceSpecs(element.Project));
        if (remotes.Count == 0)
            return TransferResult.Skipped;
        var clock = Stopwatch.StartNew();
        var (digest, failed) = await LookUpAsync(remotes, [RemoteAssetNames.Source(key)], element, "looking up the sources", report, cancellationToken)
            .ConfigureAwait(false);
        if (digest is null)
            return failed ? TransferResult.Failed : TransferResult.Skipped;
        return await PullFromStorageAsync(remotes, element, $"the sources {digest}", async remote =>
        {
            await remote.Cache.DownloadAsync([digest.Value], cancellationToken).ConfigureAwait(false);
            var message = SourceMessage.Parser.ParseFrom(await ReadLocalAsync(artifacts.Cas, digest.Value, cancellationToken).ConfigureAwait(false));
            if (message.Files is null)
                return null;
            await remote.Cache.DownloadTreeAsync(message.Files.ToDigest(), cancellationToken).ConfigureAwait(false);
            await artifacts.Sources.CommitAsync(element, message, cancellationToken).ConfigureAwait(false);
            report(new BuildMessage(BuildEvent.Pulled, element, $"sources pulled from {remote.Spec}", clock.Elapsed));
            return true;
        }, report, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Pushes the element's cached staged sources: the tree and the Source message, then the index entry
    /// (PushBlob of the source URN). Remote failures are warnings.
    /// </summary>
    public async Task<TransferResult> PushSourcesAsync(Element element, ArtifactCache artifacts, Action<BuildMessage> report,
        CancellationToken cancellationToken)
    {
        if (SourceCache.IsProjectLocal(element) || SourceCache.KeyOf(element) is not { } key)
            return TransferResult.Skipped;
        var remotes = Endpoints(SourceSpecs(element.Project).Where(s => s.Push).ToList());
        if (remotes.Count == 0 || artifacts.Sources.TryGetMessage(element) is not { Files: not null } message)
            return TransferResult.Skipped;
        var clock = Stopwatch.StartNew();
        var digest = await artifacts.Cas.PutBytesAsync(message.ToByteArray(), cancellationToken).ConfigureAwait(false);
        var (result, pushed) = await PushAsync(remotes, element, [RemoteAssetNames.Source(key)], digest, [], [message.Files.ToDigest()], "the sources",
            report, cancellationToken).ConfigureAwait(false);
        if (result == TransferResult.Done)
            report(new BuildMessage(BuildEvent.Pushed, element, $"sources pushed to {string.Join(", ", pushed)}", clock.Elapsed));
        return result;
    }
}
