using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Sandbox;

/// <summary>
/// Starts bwrap through a one-line host shell that opens the JSON status file on fd 3 (Process cannot
/// pass extra descriptors) and, when capturing, merges stderr into stdout so the log keeps the order
/// in which lines were written and gives the command /dev/null as stdin. The shell execs bwrap, so
/// bwrap is the started process.
/// </summary>
internal static class BwrapProcess
{
    public const int StatusFd = 3;

    private const string CapturedLauncher = "exec 3>\"$1\" 2>&1 </dev/null; shift; exec \"$@\"";
    private const string InteractiveLauncher = "exec 3>\"$1\"; shift; exec \"$@\"";
    private const int TailLines = 20;

    /// <summary>How bwrap ended: its own exit code and the last lines it or the command printed.</summary>
    public sealed record Outcome(int ExitCode, IReadOnlyList<string> OutputTail);

    public static async Task<Outcome> RunAsync(string bwrap, IReadOnlyList<string> arguments, string statusFile,
        bool interactive, TextWriter log, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        if (!interactive)
        {
            info.RedirectStandardOutput = true;
            info.StandardOutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }
        foreach (var argument in (string[])["-c", interactive ? InteractiveLauncher : CapturedLauncher, "bgx-sandbox", statusFile, bwrap])
            info.ArgumentList.Add(argument);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = await ProcessSpawner.StartAsync(info).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            throw new SandboxException(ErrorReason.SandboxUnavailable, "Could not start bwrap.", e.Message, e);
        }

        using (process)
        {
            var tail = new Queue<string>();
            try
            {
                using (cancellationToken.Register(() => Kill(process)))
                {
                    var pump = interactive ? Task.CompletedTask : PumpAsync(process.StandardOutput, log, tail);
                    var exited = process.WaitForExitAsync(CancellationToken.None);
                    // A failing log must surface now: bwrap may be blocked on a full pipe nobody reads.
                    if (await Task.WhenAny(exited, pump).ConfigureAwait(false) == pump)
                        await pump.ConfigureAwait(false);
                    await exited.ConfigureAwait(false);
                    await pump.ConfigureAwait(false);
                }
            }
            finally
            {
                // Also on a failing log: never leave the sandbox running behind an exception.
                if (!process.HasExited)
                {
                    Kill(process);
                    await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
            cancellationToken.ThrowIfCancellationRequested();
            return new Outcome(process.ExitCode, tail.ToList());
        }
    }

    private static async Task PumpAsync(StreamReader output, TextWriter log, Queue<string> tail)
    {
        while (await output.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
        {
            await log.WriteLineAsync(line).ConfigureAwait(false);
            if (tail.Count == TailLines)
                tail.Dequeue();
            tail.Enqueue(line);
        }
        await log.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Kills bwrap and everything below it. --die-with-parent and the PID namespace would take the
    /// sandboxed processes down with bwrap anyway; killing the tree does not rely on it.
    /// </summary>
    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Raced with its exit, or a setuid bwrap we may not signal; --die-with-parent still applies.
        }
    }
}
