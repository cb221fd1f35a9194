namespace BuildGraph.Cli.Tests;

/// <summary>What one in-process run of <c>bgx</c> produced.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stdout split into lines, without the final empty one.</summary>
    public string[] Lines => Stdout.TrimEnd('\n').Split('\n');

    /// <summary>Fails with both streams shown when the run did not succeed.</summary>
    public CliResult AssertSuccess()
    {
        Assert.True(ExitCode == 0, $"bgx exited {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        return this;
    }

    /// <summary>
    /// Asserts a user error: exit code 2, one message on stderr led by <c>error: </c> and no stack trace.
    /// </summary>
    public CliResult AssertUserError()
    {
        Assert.True(ExitCode == ExitCodes.UserError, $"bgx exited {ExitCode}, expected {ExitCodes.UserError}\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        Assert.StartsWith("error: ", Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("BUG", Stderr, StringComparison.Ordinal);
        return this;
    }
}
