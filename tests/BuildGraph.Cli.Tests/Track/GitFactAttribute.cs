namespace BuildGraph.Cli.Tests.Track;

/// <summary>A fact that needs git on PATH and skips, saying so, without it.</summary>
internal sealed class GitFactAttribute : FactAttribute
{
    public GitFactAttribute()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "git")));
        if (!found)
            Skip = "needs git on PATH";
    }
}
