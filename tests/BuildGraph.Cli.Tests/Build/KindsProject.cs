namespace BuildGraph.Cli.Tests.Build;

/// <summary>
/// The build-kinds fixture built once for all of <see cref="KindTests"/>: base, payload, lib and every
/// kind over them. Built on first use, so nothing runs when the tests are skipped.
/// </summary>
public sealed class KindsProject : IDisposable
{
    public static readonly string[] Targets = ["stack.bst", "compose.bst", "filter.bst", "script.bst"];

    private readonly Lazy<TestProject> _project = new(() =>
    {
        var project = BusyboxBase.Copy("build-kinds");
        try
        {
            project.Run(["build", .. Targets]).AssertSuccess();
            return project;
        }
        catch
        {
            project.Dispose();
            throw;
        }
    });

    internal TestProject Project => _project.Value;

    public void Dispose()
    {
        if (_project.IsValueCreated)
            _project.Value.Dispose();
    }
}
