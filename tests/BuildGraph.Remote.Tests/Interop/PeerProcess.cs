using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace BuildGraph.Remote.Tests.Interop;

/// <summary>
/// A peer program (node, python) started by a test: output captured, optionally waited on for a
/// "listening on PORT" line. Disposing closes its stdin (the peers' signal to stop) and kills that
/// process (by its own id) if it is still running after a few seconds.
/// </summary>
internal sealed partial class PeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PeerProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public static PeerProcess Start(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        var peer = new PeerProcess(new Process { StartInfo = info, EnableRaisingEvents = true });
        peer._process.OutputDataReceived += (_, e) => peer.OnLine(e.Data);
        peer._process.ErrorDataReceived += (_, e) => peer.OnLine(e.Data);
        peer._process.Exited += (_, _) => peer._port.TrySetException(new InvalidOperationException($"{program} exited:\n{peer.Output}"));
        peer._process.Start();
        peer._process.BeginOutputReadLine();
        peer._process.BeginErrorReadLine();
        return peer;
    }

    /// <summary>The port from the peer's "listening on PORT" line.</summary>
    public Task<int> WaitForPortAsync(TimeSpan timeout) => _port.Task.WaitAsync(timeout);

    /// <summary>Waits for the exit; kills the process on timeout. Returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{_process.StartInfo.FileName} did not finish in {timeout}:\n{Output}");
        }
        _process.WaitForExit(); // drains the output handlers
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(5000))
                    _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
        if (ListeningLine().Match(line) is { Success: true } match)
            _port.TrySetResult(int.Parse(match.Groups[1].Value));
    }

    [GeneratedRegex(@"listening on (\d+)")]
    private static partial Regex ListeningLine();
}
