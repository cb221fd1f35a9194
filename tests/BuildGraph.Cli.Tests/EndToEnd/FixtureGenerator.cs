using System.Diagnostics;

namespace BuildGraph.Cli.Tests.EndToEnd;

/// <summary>Runs a fixture's <c>generate.sh ROOT</c>; fails with the generator's output when it does not succeed.</summary>
internal static class FixtureGenerator
{
    public static async Task RunAsync(string generator, string root, TimeSpan timeout)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(root)!);
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(generator);
        start.ArgumentList.Add(root);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"{generator} {root} took longer than {timeout}\n{await stdout}\n{await stderr}");
        }
        Assert.True(process.ExitCode == 0,
            $"{generator} {root} exited {process.ExitCode} (it needs the Debian archive reachable by apt)\n" +
            $"stdout:\n{await stdout}\nstderr:\n{await stderr}");
    }
}
