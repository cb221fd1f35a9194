using System.Collections.Concurrent;
using System.Diagnostics;

namespace BuildGraph.Cli.Tests.Build;

/// <summary>SIGTERM during a build: the real <c>bgx</c> executable stops promptly and leaves nothing behind.</summary>
[Trait("Category", "Integration")]
public sealed class InterruptTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [BuildFact]
    public async Task Build_SigtermWhileCommandSleeps_ExitsPromptlyLeavingNoArtifactProcessesOrScratch()
    {
        using var project = BusyboxBase.Copy("build-basic");
        using var bgx = StartBgx(project, "build", "sleeper.bst");
        var output = new ConcurrentQueue<string>();
        bgx.OutputDataReceived += (_, e) => { if (e.Data is { } line) output.Enqueue(line); };
        bgx.ErrorDataReceived += (_, e) => { if (e.Data is { } line) output.Enqueue(line); };
        bgx.BeginOutputReadLine();
        bgx.BeginErrorReadLine();

        var sandboxed = await WaitForSleepAsync(bgx, output);
        var clock = Stopwatch.StartNew();
        SendSigterm(bgx.Id);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            await bgx.WaitForExitAsync(timeout.Token);
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"bgx took {clock.Elapsed} to stop");
        Assert.NotEqual(0, bgx.ExitCode);
        Assert.DoesNotContain(output, l => l.Contains("SUCCESS", StringComparison.Ordinal) && l.Contains("sleeper.bst", StringComparison.Ordinal));
        Assert.Empty(StillRunning(sandboxed));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(project.CacheDirectory, "tmp")));
        Assert.Equal("buildable", project.StateOf("sleeper.bst"));
        Assert.Equal("cached", project.StateOf("base.bst"));
    }

    /// <summary>Starts the bgx executable built next to the tests (the test project references the CLI).</summary>
    private static Process StartBgx(TestProject project, params string[] args)
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, "bgx");
        var start = File.Exists(apphost)
            ? new ProcessStartInfo(apphost)
            : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "bgx.dll") } };
        foreach (var arg in new[] { "--config", project.UserConfigFile, "-C", project.Directory }.Concat(args))
            start.ArgumentList.Add(arg);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start bgx");
    }

    /// <summary>
    /// Waits until the element's <c>sleep 30</c> runs in the sandbox and bgx has said it started the element
    /// (its output arrives through a pipe, so the line may trail the process by a moment); returns bgx's descendants then.
    /// </summary>
    private static async Task<List<ProcessTable.Entry>> WaitForSleepAsync(Process bgx, ConcurrentQueue<string> output)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            Assert.False(bgx.HasExited, "bgx exited early:\n" + string.Join('\n', output));
            var descendants = ProcessTable.Read().Descendants(bgx.Id);
            var announced = output.Any(l => l.Contains("START", StringComparison.Ordinal) && l.Contains("sleeper.bst", StringComparison.Ordinal));
            if (announced && descendants.Any(p => p.CommandLine == "sleep 30"))
                return descendants;
            await Task.Delay(50);
        }
        bgx.Kill(entireProcessTree: true);
        Assert.Fail("the sandboxed sleep never started, or bgx never said START for it:\n" + string.Join('\n', output));
        return [];
    }

    private static List<ProcessTable.Entry> StillRunning(List<ProcessTable.Entry> processes)
    {
        // Killing takes a moment to reach every process of the sandbox; give it that moment.
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var now = ProcessTable.Read().Entries;
            var alive = processes.Where(p => now.TryGetValue(p.Pid, out var e) && e.IsLive && e.CommandLine == p.CommandLine).ToList();
            if (alive.Count == 0 || clock.Elapsed > TimeSpan.FromSeconds(3))
                return alive;
            Thread.Sleep(50);
        }
    }

    private static void SendSigterm(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo(BusyboxBase.Busybox) { ArgumentList = { "kill", "-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture) } })
            ?? throw new InvalidOperationException("could not run kill");
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
