namespace BuildGraph.Abstractions;

/// <summary>
/// Runs commands hermetically over a staged root: no network, a clean environment, nothing from
/// the host file system unless staged. Bubblewrap and remote execution implement it. Thread-safe.
/// </summary>
public interface ISandbox
{
    /// <summary>
    /// Runs <paramref name="command"/>, writing its stdout and stderr to <paramref name="log"/> (ignored
    /// when interactive). Cancellation kills the sandboxed processes and waits for them to end.
    /// </summary>
    /// <exception cref="SandboxException">The sandbox itself could not start (not a failing command).</exception>
    Task<SandboxResult> RunAsync(SandboxCommand command, TextWriter log, CancellationToken cancellationToken);
}
