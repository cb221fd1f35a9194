using BuildGraph.Abstractions;
using BuildGraph.Yaml;
using static BuildGraph.Sandbox.Tests.SandboxRun;

namespace BuildGraph.Sandbox.Tests;

[Trait("Category", "Integration")]
public sealed class BwrapSandboxTests : IDisposable
{
    private readonly TestRoot _root = new();

    public void Dispose() => _root.Dispose();

    [BwrapFact]
    public async Task RunAsync_Echo_OutputReachesLog()
    {
        var (result, log) = await RunAsync(Script(_root, "echo hello sandbox"));

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.Succeeded);
        Assert.Equal("hello sandbox\n", log);
    }

    [BwrapFact]
    public async Task RunAsync_StdoutAndStderr_InterleavedInWriteOrder()
    {
        var (_, log) = await RunAsync(Script(_root, "echo one; echo two >&2; echo three; echo four >&2"));

        Assert.Equal(["one", "two", "three", "four"], Lines(log));
    }

    [BwrapFact]
    public async Task RunAsync_LastLineWithoutNewline_Logged()
    {
        var (_, log) = await RunAsync(Script(_root, "printf 'a\\nb'"));

        Assert.Equal(["a", "b"], Lines(log));
    }

    [BwrapFact]
    public async Task RunAsync_Exit3_Returns3()
    {
        var (result, _) = await RunAsync(Script(_root, "exit 3"));

        Assert.Equal(3, result.ExitCode);
        Assert.False(result.Succeeded);
    }

    [BwrapFact]
    public async Task RunAsync_FailingCommandUnderDashE_StopsWithItsCode()
    {
        var (result, log) = await RunAsync(Script(_root, "echo before\nfalse\necho after"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["before"], Lines(log));
    }

    [BwrapFact]
    public async Task RunAsync_KilledBySignal9_Returns137()
    {
        var (result, _) = await RunAsync(Script(_root, "kill -9 $$"));

        Assert.Equal(137, result.ExitCode);
    }

    [BwrapFact]
    public async Task RunAsync_KilledBySigterm_Returns143()
    {
        var (result, _) = await RunAsync(Script(_root, "kill -TERM $$"));

        Assert.Equal(143, result.ExitCode);
    }

    [BwrapFact]
    public async Task RunAsync_Env_ExactlyTheGivenVariablesPlusPwd()
    {
        var command = Command(_root, "env") with
        {
            Environment = new Dictionary<string, string>
            {
                ["PATH"] = "/bin",
                ["LC_ALL"] = "C",
                ["WITH_SPACE"] = "a b  c",
                ["EMPTY"] = "",
            },
            WorkingDirectory = "/bin",
        };

        var (result, log) = await RunAsync(command);

        Assert.Equal(0, result.ExitCode);
        // bwrap itself sets PWD; nothing else comes from the host (HOME, USER, DOTNET_*, ...).
        Assert.Equal(["EMPTY=", "LC_ALL=C", "PATH=/bin", "PWD=/bin", "WITH_SPACE=a b  c"], Lines(log).Order(StringComparer.Ordinal));
    }

    [BwrapFact]
    public async Task RunAsync_Default_Uid0Gid0()
    {
        var (_, log) = await RunAsync(Script(_root, "id -u; id -g"));

        Assert.Equal(["0", "0"], Lines(log));
    }

    [BwrapFact]
    public async Task RunAsync_UidGidSet_RunsAsThem()
    {
        var (_, log) = await RunAsync(Script(_root, "id -u; id -g") with { Uid = 1000, Gid = 1001 });

        Assert.Equal(["1000", "1001"], Lines(log));
    }

    [BwrapFact]
    public async Task RunAsync_Hostname_Fixed()
    {
        var (_, log) = await RunAsync(Script(_root, "hostname"));

        Assert.Equal(["buildstream"], Lines(log));
    }

    [BwrapFact]
    public async Task RunAsync_WorkingDirectory_Respected()
    {
        Directory.CreateDirectory(_root.HostPath("/build/src"));

        var (_, log) = await RunAsync(Script(_root, "pwd") with { WorkingDirectory = "/build/src" });

        Assert.Equal(["/build/src"], Lines(log));
    }

    [BwrapFact]
    public async Task RunAsync_MissingWorkingDirectory_CreatedInRoot()
    {
        var (result, log) = await RunAsync(Script(_root, "pwd") with { WorkingDirectory = "/new/dir" });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["/new/dir"], Lines(log));
        Assert.True(Directory.Exists(_root.HostPath("/new/dir")));
    }

    [BwrapFact]
    public async Task RunAsync_CommandNotInRoot_ThrowsCommandFailed()
    {
        var e = await Assert.ThrowsAsync<SandboxException>(() => RunAsync(Command(_root, "/bin/nonexistent")));

        Assert.Equal(ErrorDomain.Sandbox, e.Domain);
        Assert.Equal(ErrorReason.CommandFailed, e.Reason);
    }

    [BwrapFact]
    public async Task RunAsync_MountPointIsAFile_ThrowsSandboxUnavailable()
    {
        await File.WriteAllTextAsync(_root.HostPath("/proc"), "");

        var e = await Assert.ThrowsAsync<SandboxException>(() => RunAsync(Script(_root, "true")));

        Assert.Equal(ErrorReason.SandboxUnavailable, e.Reason);
        Assert.NotNull(e.Detail);
    }

    [BwrapFact]
    public async Task RunAsync_Interactive_ReturnsExitCodeWithoutCapturing()
    {
        var (result, log) = await RunAsync(Script(_root, "exit 4") with { Interactive = true });

        Assert.Equal(4, result.ExitCode);
        Assert.Equal("", log);
    }

    [BwrapFact]
    public async Task RunAsync_Duration_Measured()
    {
        var (result, _) = await RunAsync(Script(_root, "sleep 0.2"));

        Assert.True(result.Duration >= TimeSpan.FromMilliseconds(150), $"{result.Duration}");
    }

    [BwrapFact]
    public async Task RunAsync_ManyLines_AllLoggedInOrder()
    {
        var (_, log) = await RunAsync(Script(_root, "i=0; while [ $i -lt 5000 ]; do echo line$i; i=$((i+1)); done"));

        var lines = Lines(log);
        Assert.Equal(5000, lines.Length);
        Assert.Equal("line4999", lines[^1]);
    }

    [BwrapFact]
    public async Task RunAsync_Stdin_IsEmpty()
    {
        var (result, log) = await RunAsync(Script(_root, "cat; echo done"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["done"], Lines(log));
    }
}
