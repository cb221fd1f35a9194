using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins;

/// <summary>How a host tool ended: its exit code and what it printed.</summary>
internal sealed record CommandResult(IReadOnlyList<string> Arguments, int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    public string CommandLine => string.Join(' ', Arguments);

    /// <summary>A <see cref="ErrorReason.CommandFailed"/> error unless the tool succeeded.</summary>
    public CommandResult ThrowIfFailed(Provenance? at, string? message = null)
    {
        if (!Succeeded)
            throw new SourceException(ErrorReason.CommandFailed, at,
                message ?? $"'{CommandLine}' failed with exit code {ExitCode}", (Stdout + Stderr).Trim());
        return this;
    }
}
