using BuildGraph.Testing;

namespace BuildGraph.Cli.Tests;

/// <summary>
/// A temporary project (see <see cref="ProjectDirectory"/>) on which <c>bgx</c> runs in-process with
/// <c>--config</c> and <c>-C</c> set.
/// </summary>
internal sealed class TestProject : ProjectDirectory
{
    private TestProject() : base("bgx-cli-tests")
    {
    }

    /// <summary>Copies <c>Fixtures/<paramref name="fixture"/></c> from the test output directory.</summary>
    public static TestProject Copy(string fixture)
    {
        var project = new TestProject();
        project.CopyFixture(fixture);
        return project;
    }

    /// <summary>An empty project directory (no project.conf).</summary>
    public static TestProject Empty() => new();

    /// <summary>Runs <c>bgx --config FILE -C DIR <paramref name="args"/></c>.</summary>
    public CliResult Run(params string[] args) =>
        RunRaw(new[] { "--config", UserConfigFile, "-C", Directory }.Concat(args).ToArray());

    /// <summary>Runs <c>bgx <paramref name="args"/></c> exactly as given.</summary>
    public static CliResult RunRaw(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exitCode = CliApp.Run(args, stdout, stderr);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
