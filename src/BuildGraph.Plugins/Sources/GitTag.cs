namespace BuildGraph.Plugins.Sources;

/// <summary>A tag the git source recreates in the staged repository.</summary>
internal sealed record GitTag(string Tag, string Commit, bool Annotated);
