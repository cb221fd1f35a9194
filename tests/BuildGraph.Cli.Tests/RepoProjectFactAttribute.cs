namespace BuildGraph.Cli.Tests;

/// <summary>A fact that skips, saying why, when the repository's own project cannot be prepared.</summary>
internal sealed class RepoProjectFactAttribute : FactAttribute
{
    public RepoProjectFactAttribute()
    {
        if (RepoProject.SkipReason is { } reason)
            Skip = reason;
    }
}
