using System.Diagnostics;
using BuildGraph.Abstractions;
using static BuildGraph.Sandbox.Tests.SandboxRun;

namespace BuildGraph.Sandbox.Tests;

[Trait("Category", "Integration")]
public sealed class BwrapSandboxCancellationTests : IDisposable
{
    private readonly TestRoot _root = new();

    public void Dispose() => _root.Dispose();

    [BwrapFact]
    public async Task RunAsync_CancelledDuringSleep_ThrowsQuicklyAndLeavesNoProcess()
    {
        // A duration no other process on the machine uses, to find ours with pgrep.
        var marker = $"sleep {Random.Shared.Next(100_000, 999_999)}";
        var log = new SignallingWriter("started");
        using var cancellation = new CancellationTokenSource();
        var run = new BwrapSandbox().RunAsync(Script(_root, $"echo started; {marker}; echo never"), log, cancellation.Token);
        await log.Signalled.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(await IsRunningAsync($"^{marker}$"));

        var stopwatch = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        stopwatch.Stop();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"{stopwatch.Elapsed}");
        // Neither the sleep nor the shell and bwrap, whose command lines hold the marker too.
        Assert.False(await IsRunningAsync(marker));
        Assert.DoesNotContain("never", log.ToString());
    }

    [BwrapFact]
    public async Task RunAsync_AlreadyCancelled_ThrowsWithoutRunning()
    {
        var command = Script(_root, "touch /made") with { RootReadOnly = false };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => RunAsync(command, new CancellationToken(canceled: true)));

        Assert.False(File.Exists(_root.HostPath("/made")));
    }

    [BwrapFact]
    public async Task RunAsync_StartedFromThreadThatExits_KeepsRunning()
    {
        // bwrap --die-with-parent dies with the thread that started it, so no caller's thread may be it.
        // The thread waits until the command runs (bwrap has armed its parent-death signal by then).
        Task<SandboxResult>? run = null;
        var log = new SignallingWriter("started");
        var thread = new Thread(() =>
        {
            run = new BwrapSandbox().RunAsync(Script(_root, "echo started; sleep 1; exit 5"), log, default);
            log.Signalled.Wait(TimeSpan.FromSeconds(10));
        });
        thread.Start();
        thread.Join();

        var result = await run!;

        Assert.Equal(5, result.ExitCode);
    }

    [BwrapFact]
    public async Task RunAsync_BwrapKilledFromOutside_ReturnsSignalCode()
    {
        var marker = $"sleep {Random.Shared.Next(100_000, 999_999)}";
        var log = new SignallingWriter("started");
        var run = new BwrapSandbox().RunAsync(Script(_root, $"echo started; {marker}"), log, default);
        await log.Signalled.WaitAsync(TimeSpan.FromSeconds(10));

        // The oldest process whose command line starts with bwrap and holds the marker is ours.
        using var pgrep = Process.Start(new ProcessStartInfo("pgrep", ["-o", "-f", $"^\\S*bwrap .*{marker}"]) { RedirectStandardOutput = true })!;
        var pid = int.Parse((await pgrep.StandardOutput.ReadToEndAsync()).Trim());
        Process.GetProcessById(pid).Kill();

        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(137, result.ExitCode);
        Assert.False(await IsRunningAsync(marker));
    }

    [BwrapFact]
    public async Task RunAsync_FailingLog_KillsCommandAndThrows()
    {
        var marker = $"sleep {Random.Shared.Next(100_000, 999_999)}";

        await Assert.ThrowsAsync<IOException>(
            () => new BwrapSandbox().RunAsync(Script(_root, $"echo x; {marker}"), new FailingWriter(), default));

        Assert.False(await IsRunningAsync(marker));
    }

    private static async Task<bool> IsRunningAsync(string pattern)
    {
        using var pgrep = Process.Start(new ProcessStartInfo("pgrep", ["-f", pattern]) { RedirectStandardOutput = true })!;
        await pgrep.StandardOutput.ReadToEndAsync();
        await pgrep.WaitForExitAsync();
        return pgrep.ExitCode == 0;
    }

    private sealed class SignallingWriter(string line) : StringWriter
    {
        private readonly TaskCompletionSource _signalled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Signalled => _signalled.Task;

        public override Task WriteLineAsync(string? value)
        {
            base.WriteLine(value);
            if (value == line)
                _signalled.TrySetResult();
            return Task.CompletedTask;
        }
    }

    private sealed class FailingWriter : StringWriter
    {
        public override Task WriteLineAsync(string? value) => throw new IOException("log is gone");
    }
}
