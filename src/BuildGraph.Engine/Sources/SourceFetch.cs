using BuildGraph.Engine.Artifacts;
using BuildGraph.Engine.Building;
using BuildGraph.Engine.Graph;
using BuildGraph.Engine.Remotes;

namespace BuildGraph.Engine.Sources;

/// <summary>
/// Gets an element's sources into the source cache: from a remote source cache when one has them,
/// else by fetching them upstream, and then pushing them to the source caches that take pushes.
/// </summary>
internal static class SourceFetch
{
    /// <returns>True when the sources came from a remote source cache.</returns>
    public static async Task<bool> RunAsync(Element element, ArtifactCache artifacts, RemoteCaches? remotes, string scratchRoot,
        Action<BuildMessage> report, CancellationToken cancellationToken)
    {
        if (remotes is not null && remotes.HasSourceRemotes(element.Project)
            && await remotes.PullSourcesAsync(element, artifacts, report, cancellationToken).ConfigureAwait(false) == TransferResult.Done)
            return true;
        await artifacts.Sources.FetchAsync(element, scratchRoot, cancellationToken).ConfigureAwait(false);
        if (remotes is not null && remotes.HasSourceRemotes(element.Project, push: true))
            await remotes.PushSourcesAsync(element, artifacts, report, cancellationToken).ConfigureAwait(false);
        return false;
    }
}
