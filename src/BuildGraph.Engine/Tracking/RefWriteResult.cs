using BuildGraph.Engine.Graph;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Tracking;

/// <summary>What writing tracked refs did: the files changed (absolute paths) and the elements that could not be written.</summary>
public sealed record RefWriteResult(IReadOnlyList<string> Files, IReadOnlyList<(Element Element, BgxException Error)> Errors);
