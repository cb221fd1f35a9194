using System.Diagnostics;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins;

/// <summary>Runs a host tool (patch, git) for a source and turns failure into a SourceException.</summary>
internal static class ExternalCommand
{
    public static async Task RunAsync(string workingDirectory, Provenance at, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(arguments[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments.Skip(1))
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{arguments[0]} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SourceException(ErrorReason.Unsupported, at, $"'{arguments[0]}' is not installed", $"Install it (apt-get install -y {arguments[0]}).", inner: e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
                throw new SourceException(ErrorReason.CommandFailed, at,
                    $"'{string.Join(' ', arguments)}' failed with exit code {process.ExitCode}",
                    (await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false)).Trim());
        }
    }
}
