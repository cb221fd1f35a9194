using BuildGraph.Abstractions;

namespace BuildGraph.Sandbox.Tests;

/// <summary>Runs shell scripts in a <see cref="TestRoot"/> and collects the log.</summary>
internal static class SandboxRun
{
    public static readonly IReadOnlyDictionary<string, string> Environment =
        new Dictionary<string, string> { ["PATH"] = "/bin" };

    /// <summary>A command running <c>sh -c -e "script\n"</c>, as BuildStream runs each command.</summary>
    public static SandboxCommand Script(TestRoot root, string script) => Command(root, "sh", "-c", "-e", script + "\n");

    public static SandboxCommand Command(TestRoot root, params string[] arguments) => new()
    {
        RootDirectory = root.RootDirectory,
        Arguments = arguments,
        Environment = Environment,
    };

    public static async Task<(SandboxResult Result, string Log)> RunAsync(SandboxCommand command,
        CancellationToken cancellationToken = default)
    {
        var log = new StringWriter { NewLine = "\n" };
        var result = await new BwrapSandbox().RunAsync(command, log, cancellationToken);
        return (result, log.ToString());
    }

    public static string[] Lines(string log) => log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
