using BuildGraph.Engine.Graph;

namespace BuildGraph.Engine.Building;

/// <summary>A staged file that replaced one staged earlier from another element.</summary>
public sealed record Overlap(string Path, Element Earlier, Element Later, bool Whitelisted);
