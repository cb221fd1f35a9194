using System.Diagnostics;
using System.Text.RegularExpressions;

namespace BuildGraph.Cli.Tests.Remote;

/// <summary>
/// BuildStream 1.6.8's artifact server (Debian python3-buildstream, started by tests/interop/bst/cas_server.py
/// on 127.0.0.1): a plain REAPI CAS with push enabled and no Remote Asset service. Stopped by closing
/// its stdin, else killed by its id.
/// </summary>
internal sealed partial class BstCasServer : IDisposable
{
    public const string Python = "/usr/bin/python3";

    private readonly Process _process;
    private readonly string _directory;

    private BstCasServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Url = $"http://127.0.0.1:{port}";
    }

    public string Url { get; }

    /// <summary>Why the server cannot run here, or null.</summary>
    public static string? SkipReason
    {
        get
        {
            if (!File.Exists(Python) || !File.Exists(Script))
                return $"{Python} or {Script} is missing";
            using var probe = Process.Start(new ProcessStartInfo(Python, ["-c", "import buildstream._artifactcache.casserver"])
            {
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            probe.StandardError.ReadToEnd();
            return probe.WaitForExit(30_000) && probe.ExitCode == 0 ? null : "python3-buildstream is not installed (tests/interop/setup.sh)";
        }
    }

    private static string Script
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "BuildGraph.sln")))
                    return Path.Combine(directory.FullName, "tests", "interop", "bst", "cas_server.py");
            }
            return "tests/interop/bst/cas_server.py";
        }
    }

    public static async Task<BstCasServer> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bgx-bst-cas-" + Guid.NewGuid().ToString("N"));
        var process = Process.Start(new ProcessStartInfo(Python, [Script, directory])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("could not start the BuildStream artifact server");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (Listening().Match(line) is { Success: true } match)
                return new BstCasServer(process, directory, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        process.Kill();
        throw new InvalidOperationException("the BuildStream artifact server exited before listening");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(5000))
                    _process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    [GeneratedRegex(@"listening on (\d+)")]
    private static partial Regex Listening();
}
