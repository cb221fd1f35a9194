namespace BuildGraph.Engine.Remotes;

/// <summary>
/// Remotes given on the command line (bst's <c>--artifact-remote</c>, <c>--source-remote</c>): they replace
/// the user configuration's lists; the projects' recommended remotes still follow unless ignored.
/// </summary>
public sealed record RemoteOverrides(
    IReadOnlyList<RemoteSpec> Artifacts,
    IReadOnlyList<RemoteSpec> SourceCaches,
    bool IgnoreProjectArtifactRemotes = false,
    bool IgnoreProjectSourceRemotes = false)
{
    public static readonly RemoteOverrides None = new([], []);
}
