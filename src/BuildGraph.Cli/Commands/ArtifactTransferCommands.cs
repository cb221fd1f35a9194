using System.CommandLine;
using BuildGraph.Cli.Remotes;
using BuildGraph.Cli.Rendering;
using BuildGraph.Engine;
using BuildGraph.Engine.Artifacts;
using BuildGraph.Engine.Graph;
using BuildGraph.Engine.Remotes;
using BuildGraph.Yaml;

namespace BuildGraph.Cli.Commands;

/// <summary><c>bgx artifact pull|push</c>: move artifacts between the local cache and remote artifact caches.</summary>
internal static class ArtifactTransferCommands
{
    public static Command Pull(GlobalOptions globals, TextWriter stdout, TextWriter stderr)
    {
        var (deps, elements, remoteOptions) = Arguments(pullOnly: true);
        var command = new Command("pull", "Pull artifacts from remote artifact caches") { deps, elements };
        remoteOptions.AddTo(command);
        command.SetAction(parse => CliApp.Guard(stderr, () =>
        {
            using var interrupts = new Interrupts();
            var (session, artifacts, selected) = Open(globals, parse, deps, elements);
            using var remotes = CliServices.OpenRemotes(session, remoteOptions.Read(parse));
            RequireRemotes(selected, e => remotes.HasArtifactRemotes(e.Project), "pulling");
            var reporter = new BuildReporter(stdout, session.UserConfig.KeyLength);
            var results = session.PullArtifactsAsync(selected, artifacts, remotes, reporter.Report, interrupts.Token).GetAwaiter().GetResult();
            var missing = results.Where(r => r.Result != TransferResult.Done && !artifacts.HasArtifact(r.Element)).Select(r => r.Element.FullName).ToList();
            stdout.WriteLine($"Pulled {results.Count(r => r.Result == TransferResult.Done)}, already cached {results.Count(r => r.Result == TransferResult.Skipped && artifacts.HasArtifact(r.Element))}, not pulled {missing.Count}.");
            if (missing.Count == 0)
                return ExitCodes.Success;
            stderr.WriteLine($"error: {missing.Count} artifact(s) could not be pulled: {string.Join(", ", missing)}");
            return ExitCodes.UserError;
        }));
        return command;
    }

    public static Command Push(GlobalOptions globals, TextWriter stdout, TextWriter stderr)
    {
        var (deps, elements, remoteOptions) = Arguments(pullOnly: false);
        var command = new Command("push", "Push cached artifacts to remote artifact caches") { deps, elements };
        remoteOptions.AddTo(command);
        command.SetAction(parse => CliApp.Guard(stderr, () =>
        {
            using var interrupts = new Interrupts();
            var (session, artifacts, selected) = Open(globals, parse, deps, elements);
            using var remotes = CliServices.OpenRemotes(session, remoteOptions.Read(parse));
            RequireRemotes(selected, e => remotes.HasArtifactRemotes(e.Project, push: true), "pushing");
            var uncached = selected.Where(e => !artifacts.HasArtifact(e)).Select(e => e.FullName).ToList();
            if (uncached.Count > 0)
                throw new LoadException(ErrorReason.ArtifactNotFound, null, $"Not in the local cache, so cannot be pushed: {string.Join(", ", uncached)}",
                    "Build or pull them first.");
            var reporter = new BuildReporter(stdout, session.UserConfig.KeyLength);
            var results = session.PushArtifactsAsync(selected, artifacts, remotes, reporter.Report, interrupts.Token).GetAwaiter().GetResult();
            return Summarise(results, stdout, stderr, "artifact");
        }));
        return command;
    }

    /// <summary>Prints how pushes went; a failed one is an error (exit 2), having been reported as a warning already.</summary>
    public static int Summarise(IReadOnlyList<(Element Element, TransferResult Result)> results, TextWriter stdout, TextWriter stderr, string what)
    {
        var failed = results.Where(r => r.Result == TransferResult.Failed).Select(r => r.Element.FullName).ToList();
        stdout.WriteLine($"Pushed {results.Count(r => r.Result == TransferResult.Done)}, already there {results.Count(r => r.Result == TransferResult.Skipped)}, failed {failed.Count}.");
        if (failed.Count == 0)
            return ExitCodes.Success;
        stderr.WriteLine($"error: {failed.Count} {what}(s) could not be pushed: {string.Join(", ", failed)}");
        return ExitCodes.UserError;
    }

    /// <summary>Fails when no remote applies to the selection at all: the user asked for something impossible.</summary>
    public static void RequireRemotes(IReadOnlyList<Element> selected, Func<Element, bool> hasRemotes, string what)
    {
        if (selected.Count > 0 && !selected.Any(hasRemotes))
            throw new LoadException(ErrorReason.InvalidConfig, null, $"No remote caches are configured for {what}",
                "Add them to project.conf or the user configuration (artifacts/source-caches, with push: true to push), or give --artifact-remote URL.");
    }

    private static (Option<string> Deps, Argument<string[]> Elements, RemoteOptions Remotes) Arguments(bool pullOnly)
    {
        var deps = new Option<string>("--deps", "-d") { Description = "none (default): the elements only; run, build or all of their dependencies", DefaultValueFactory = _ => "none" };
        deps.AcceptOnlyFromAmong("none", "run", "build", "all");
        var elements = new Argument<string[]>("elements") { Arity = ArgumentArity.ZeroOrMore, Description = "Elements (default: the project's default targets)" };
        return (deps, elements, new RemoteOptions(artifacts: true, sources: false, pullOnly));
    }

    private static (BuildSession Session, ArtifactCache Artifacts, List<Element> Selected) Open(GlobalOptions globals, ParseResult parse,
        Option<string> deps, Argument<string[]> elements)
    {
        var session = CliApp.OpenSession(globals, parse);
        var names = parse.GetValue(elements) is { Length: > 0 } given ? given.ToList() : session.DefaultTargets();
        var graph = session.Load(names);
        var artifacts = CliServices.OpenArtifacts(session);
        var selected = Selection.Select(graph.Targets, parse.GetValue(deps)!, [], artifacts).Where(e => !e.IsJunction).ToList();
        return (session, artifacts, selected);
    }
}
