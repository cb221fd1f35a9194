namespace BuildGraph.Sandbox;

/// <summary>Whether bwrap can run sandboxes on this machine, and if not, why and what to do.</summary>
/// <param name="BwrapPath">The bwrap found on PATH, or null.</param>
/// <param name="Reason">One line on why the sandbox is unavailable; null when available.</param>
/// <param name="Detail">bwrap's own message and a hint on how to fix it; null when available.</param>
public sealed record SandboxProbeResult(bool IsAvailable, string? BwrapPath, string? Reason, string? Detail);
