namespace BuildGraph.Abstractions;

/// <summary>
/// One command to run in a sandbox over a root directory the caller staged on the host.
/// Paths other than <see cref="RootDirectory"/> are paths inside the sandbox.
/// </summary>
public sealed record SandboxCommand
{
    /// <summary>Host directory that becomes <c>/</c> in the sandbox.</summary>
    public required string RootDirectory { get; init; }

    /// <summary>argv; the first item is looked up in the sandbox's PATH.</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>The whole environment: nothing from the host is inherited.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public string WorkingDirectory { get; init; } = "/";

    /// <summary>When true, only <see cref="WritableDirectories"/> (and /tmp, /dev) can be written.</summary>
    public bool RootReadOnly { get; init; } = true;

    /// <summary>Sandbox directories that stay writable when the root is read-only (created if missing).</summary>
    public IReadOnlyList<string> WritableDirectories { get; init; } = Array.Empty<string>();

    /// <summary>Network access; only ever true for fetch-like steps, never for builds.</summary>
    public bool Network { get; init; }

    /// <summary>Connect the command to the caller's terminal (bgx shell) instead of capturing output.</summary>
    public bool Interactive { get; init; }

    public int? Uid { get; init; }
    public int? Gid { get; init; }
}
