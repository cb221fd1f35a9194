using BuildGraph.Abstractions;
using BuildGraph.Engine.Building;
using BuildGraph.Engine.Graph;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Tracking;

/// <summary>
/// Tracks an element's sources in order (format.md §7.7). A source whose kind tracks from the previous
/// sources (cargo2 reads their Cargo.lock) sees the earlier sources staged at their <em>new</em> refs, fetched
/// first when needed. Thread-safe: elements may be tracked in parallel.
/// </summary>
internal sealed class SourceTracker(string scratchRoot)
{
    public async Task<ElementTrackOutcome> TrackAsync(Element element, CancellationToken cancellationToken)
    {
        var outcomes = new List<SourceTrackOutcome>();
        var tracked = new List<SourceInstance>();
        try
        {
            for (var i = 0; i < element.Sources.Count; i++)
            {
                var source = element.Sources[i];
                SourceTrackResult result;
                if ((source.KindImpl.Traits & SourceTraits.TrackNeedsPreviousSources) != 0)
                {
                    using var scratch = ScratchDirectory.Create(scratchRoot, "track");
                    await StageAsync(tracked, scratch.Path, cancellationToken).ConfigureAwait(false);
                    var previous = At(scratch.Path, source.Directory);
                    Directory.CreateDirectory(previous);
                    result = await Wrap(source, () => source.Source.TrackAsync(previous, cancellationToken)).ConfigureAwait(false);
                }
                else
                {
                    result = await Wrap(source, () => source.Source.TrackAsync(null, cancellationToken)).ConfigureAwait(false);
                }
                var outcome = new SourceTrackOutcome(source, i, result.NewRef, result.Changes, result.AlsoWrite);
                outcomes.Add(outcome);
                tracked.Add(outcome.Changed ? source.WithRef(result.NewRef) : source);
            }
            return new ElementTrackOutcome(element, outcomes, null);
        }
        catch (BgxException e)
        {
            return new ElementTrackOutcome(element, outcomes, e);
        }
    }

    /// <summary>Stages <paramref name="sources"/> in order, each at its directory, fetching what is missing.</summary>
    private static async Task StageAsync(List<SourceInstance> sources, string root, CancellationToken cancellationToken)
    {
        foreach (var source in sources)
        {
            if (!source.Source.IsFetched)
                await Wrap(source, () => source.Source.FetchAsync(cancellationToken)).ConfigureAwait(false);
            var target = At(root, source.Directory);
            Directory.CreateDirectory(target);
            await Wrap(source, () => source.Source.StageAsync(target, cancellationToken)).ConfigureAwait(false);
        }
    }

    private static string At(string root, string? directory) =>
        directory is null ? root : Path.Combine(root, directory.Trim('/'));

    /// <summary>Gives source errors the source's provenance when the plugin did not set one.</summary>
    private static async Task<T> Wrap<T>(SourceInstance source, Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (SourceException e) when (e.Provenance is null)
        {
            throw new SourceException(e.Reason, source.Provenance, e.Message, e.Detail, e.IsTransient, e);
        }
    }

    private static Task Wrap(SourceInstance source, Func<Task> action) =>
        Wrap(source, async () =>
        {
            await action().ConfigureAwait(false);
            return true;
        });
}
