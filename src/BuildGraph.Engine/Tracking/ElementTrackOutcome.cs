using BuildGraph.Engine.Graph;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Tracking;

/// <summary>
/// The tracking of one element: a result per source, or the error that stopped it (then nothing of the
/// element is written, and <see cref="Sources"/> holds the sources tracked before the error).
/// </summary>
public sealed record ElementTrackOutcome(Element Element, IReadOnlyList<SourceTrackOutcome> Sources, BgxException? Error)
{
    public bool Changed => Error is null && Sources.Any(s => s.Changed);
}
