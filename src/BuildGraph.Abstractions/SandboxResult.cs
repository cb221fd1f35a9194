namespace BuildGraph.Abstractions;

/// <summary>How a sandboxed command ended.</summary>
public sealed record SandboxResult(int ExitCode, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0;
}
