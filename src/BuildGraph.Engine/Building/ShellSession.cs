using BuildGraph.Abstractions;
using BuildGraph.Engine.Artifacts;
using BuildGraph.Engine.Graph;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Building;

/// <summary>
/// A staged root for <c>bgx shell</c>: the element's runtime closure (or, with <c>--build</c>, its build
/// dependencies and sources) integrated as a build would, ready for an interactive sandbox.
/// </summary>
public sealed class ShellSession : IDisposable
{
    private readonly ScratchDirectory _scratch;

    private ShellSession(ScratchDirectory scratch, SandboxCommand command)
    {
        _scratch = scratch;
        Command = command;
    }

    /// <summary>The sandbox command to run; replace <see cref="SandboxCommand.Arguments"/> for a one-off command.</summary>
    public SandboxCommand Command { get; }

    internal static async Task<ShellSession> CreateAsync(BuildContext context, Element element, bool build, CancellationToken cancellationToken)
    {
        var scratch = ScratchDirectory.Create(context.CacheDirectory, "shell");
        try
        {
            var root = Path.Combine(scratch.Path, "root");
            Directory.CreateDirectory(root);
            var stager = new Stager(context.Artifacts.Cas, root, copyFiles: true, e => context.Artifacts.Delete(e));
            var staged = build ? Scopes.Build(element) : Scopes.Run(element);
            foreach (var e in staged)
            {
                var artifact = context.Artifacts.TryGet(e) ?? throw new ElementBuildException(ErrorReason.ArtifactNotFound,
                    element.FullName, $"{e.FullName} is not built", detail: $"Run 'bgx build {element.FullName}' first.");
                await stager.StageAsync(e, artifact.Files.ToDigest(), "/", cancellationToken).ConfigureAwait(false);
            }
            var workingDirectory = "/";
            if (build)
            {
                workingDirectory = element.ResolvedVariable("build-root");
                var buildRoot = Path.Combine(root, workingDirectory.TrimStart('/'));
                Directory.CreateDirectory(buildRoot);
                Directory.CreateDirectory(Path.Combine(root, element.ResolvedVariable("install-root").TrimStart('/')));
                await context.Artifacts.Sources.StageAsync(element, buildRoot, cancellationToken).ConfigureAwait(false);
            }
            var log = TextWriter.Null;
            foreach (var provider in staged)
            {
                foreach (var integration in Integration.CommandsOf(provider))
                {
                    await context.Sandbox.RunAsync(new SandboxCommand
                    {
                        RootDirectory = root,
                        Arguments = new[] { "sh", "-c", "-e", integration + "\n" },
                        Environment = EnvironmentOf(provider),
                        RootReadOnly = false,
                    }, log, cancellationToken).ConfigureAwait(false);
                }
            }
            var environment = EnvironmentOf(element);
            var command = new SandboxCommand
            {
                RootDirectory = root,
                Arguments = element.Project.Config.TryGetMapping("shell")?.TryGetSequence("command")?.AsStrings() is { Count: > 0 } shell
                    ? shell : new List<string> { "sh", "-i" },
                Environment = environment,
                WorkingDirectory = workingDirectory,
                RootReadOnly = false,
                Interactive = true,
            };
            return new ShellSession(scratch, command);
        }
        catch
        {
            scratch.Dispose();
            throw;
        }
    }

    private static Dictionary<string, string> EnvironmentOf(Element e) =>
        e.Environment.Entries.ToDictionary(p => p.Key, p => ((ScalarNode)p.Value).Value, StringComparer.Ordinal);

    public void Dispose() => _scratch.Dispose();
}
