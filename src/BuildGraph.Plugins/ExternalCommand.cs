using System.Diagnostics;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins;

/// <summary>Runs a host tool (patch, git, xz) for a source and turns failure into a SourceException.</summary>
internal static class ExternalCommand
{
    /// <summary>Runs the command; a non-zero exit is a <see cref="ErrorReason.CommandFailed"/> error with its output as detail.</summary>
    public static async Task RunAsync(string workingDirectory, Provenance at, CancellationToken cancellationToken, params string[] arguments)
    {
        var result = await CaptureAsync(workingDirectory, null, at, arguments, cancellationToken).ConfigureAwait(false);
        result.ThrowIfFailed(at);
    }

    /// <summary>Runs the command and returns its exit code and output; only a missing tool throws.</summary>
    public static async Task<CommandResult> CaptureAsync(string? workingDirectory, IReadOnlyDictionary<string, string>? environment,
        Provenance? at, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        using var process = Start(workingDirectory, environment, at, arguments, redirectStdout: true);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }
        return new CommandResult(arguments, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>The blocking form of <see cref="CaptureAsync"/>, for quick queries behind synchronous properties.</summary>
    public static CommandResult Capture(string? workingDirectory, IReadOnlyDictionary<string, string>? environment, Provenance? at,
        IReadOnlyList<string> arguments)
    {
        using var process = Start(workingDirectory, environment, at, arguments, redirectStdout: true);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CommandResult(arguments, process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
    }

    /// <summary>Starts a process whose standard output the caller reads as a stream (a decompressor); stderr is redirected.</summary>
    public static Process Start(string? workingDirectory, IReadOnlyDictionary<string, string>? environment, Provenance? at,
        IReadOnlyList<string> arguments, bool redirectStdout)
    {
        var start = new ProcessStartInfo(arguments[0])
        {
            RedirectStandardOutput = redirectStdout,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (workingDirectory is not null)
            start.WorkingDirectory = workingDirectory;
        foreach (var argument in arguments.Skip(1))
            start.ArgumentList.Add(argument);
        if (environment is not null)
        {
            foreach (var (name, value) in environment)
                start.Environment[name] = value;
        }
        try
        {
            var process = Process.Start(start) ?? throw new InvalidOperationException($"{arguments[0]} did not start");
            // Nothing is ever typed into these tools: an immediate EOF stops any prompt from hanging.
            process.StandardInput.Close();
            return process;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SourceException(ErrorReason.Unsupported, at, $"'{arguments[0]}' is not installed",
                $"Install it (apt-get install -y {arguments[0]}).", inner: e);
        }
    }

    public static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
