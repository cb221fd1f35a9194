using System.Text.Json;

namespace BuildGraph.Sandbox;

/// <summary>
/// What bwrap wrote to its --json-status-fd: one JSON object per line, "child-pid" once the sandbox
/// exists and "exit-code" once the command ended. No exit code means bwrap failed during setup
/// (mounts, chdir, exec of the command) and its own exit code says nothing about the command.
/// </summary>
internal sealed record BwrapStatus(int? ChildPid, int? ExitCode)
{
    public static BwrapStatus Parse(string text)
    {
        int? childPid = null;
        int? exitCode = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    continue;
                if (document.RootElement.TryGetProperty("child-pid", out var pid) && pid.TryGetInt32(out var p))
                    childPid = p;
                if (document.RootElement.TryGetProperty("exit-code", out var code) && code.TryGetInt32(out var c))
                    exitCode = c;
            }
            catch (JsonException)
            {
                // A line cut short by a killed bwrap; the rest still counts.
            }
        }
        return new BwrapStatus(childPid, exitCode);
    }

    public static async Task<BwrapStatus> ReadAsync(string file)
    {
        try
        {
            return Parse(await File.ReadAllTextAsync(file, CancellationToken.None).ConfigureAwait(false));
        }
        catch (FileNotFoundException)
        {
            return new BwrapStatus(null, null);
        }
    }
}
