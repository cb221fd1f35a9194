using System.CommandLine;
using BuildGraph.Cli.Remotes;
using BuildGraph.Cli.Rendering;
using BuildGraph.Engine.Graph;

namespace BuildGraph.Cli.Commands;

/// <summary><c>bgx source fetch|checkout|track|push</c>.</summary>
internal static class SourceCommand
{
    public static Command Create(GlobalOptions globals, TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("source", "Fetch, inspect and track element sources");
        command.Subcommands.Add(Fetch(globals, stdout, stderr));
        command.Subcommands.Add(Checkout(globals, stdout, stderr));
        command.Subcommands.Add(SourceTrackCommand.Create(globals, stdout, stderr));
        command.Subcommands.Add(Push(globals, stdout, stderr));
        return command;
    }

    private static Command Fetch(GlobalOptions globals, TextWriter stdout, TextWriter stderr)
    {
        var deps = new Option<string>("--deps", "-d") { Description = "none: the targets only; all (default): everything they need", DefaultValueFactory = _ => "all" };
        deps.AcceptOnlyFromAmong("none", "run", "build", "all", "plan");
        var except = new Option<string[]>("--except") { Description = "Except these elements", Arity = ArgumentArity.ZeroOrMore };
        var elements = new Argument<string[]>("elements") { Arity = ArgumentArity.ZeroOrMore };
        var remoteOptions = new RemoteOptions(artifacts: false, sources: true);
        var command = new Command("fetch", "Download sources into the source cache (from remote source caches when they have them)") { deps, except, elements };
        remoteOptions.AddTo(command);
        command.SetAction(parse => CliApp.Guard(stderr, () =>
        {
            using var interrupts = new Interrupts();
            var session = CliApp.OpenSession(globals, parse);
            var targetNames = parse.GetValue(elements) is { Length: > 0 } given ? given.ToList() : session.DefaultTargets();
            var exceptNames = parse.GetValue(except) ?? Array.Empty<string>();
            var graph = session.Load(targetNames.Concat(exceptNames).ToList());
            var artifacts = CliServices.OpenArtifacts(session);
            var selected = Selection.Select(graph.Targets.Take(targetNames.Count).ToList(), parse.GetValue(deps)!,
                graph.Targets.Skip(targetNames.Count).ToHashSet(), artifacts);
            var reporter = new BuildReporter(stdout, session.UserConfig.KeyLength);
            using var remotes = CliServices.OpenRemotes(session, remoteOptions.Read(parse));
            var failures = session.FetchAsync(selected, artifacts, reporter.Report, interrupts.Token, remotes).GetAwaiter().GetResult();
            if (failures.Count == 0)
                return ExitCodes.Success;
            foreach (var (element, error) in failures)
                stderr.WriteLine($"error: {error.Render()}");
            return ExitCodes.UserError;
        }));
        return command;
    }

    private static Command Push(GlobalOptions globals, TextWriter stdout, TextWriter stderr)
    {
        var deps = new Option<string>("--deps", "-d") { Description = "none (default): the targets only; run, build or all of their dependencies", DefaultValueFactory = _ => "none" };
        deps.AcceptOnlyFromAmong("none", "run", "build", "all");
        var elements = new Argument<string[]>("elements") { Arity = ArgumentArity.ZeroOrMore };
        var remoteOptions = new RemoteOptions(artifacts: false, sources: true);
        var command = new Command("push", "Push cached sources to remote source caches") { deps, elements };
        remoteOptions.AddTo(command);
        command.SetAction(parse => CliApp.Guard(stderr, () =>
        {
            using var interrupts = new Interrupts();
            var session = CliApp.OpenSession(globals, parse);
            var graph = session.Load(parse.GetValue(elements) is { Length: > 0 } given ? given : session.DefaultTargets());
            var artifacts = CliServices.OpenArtifacts(session);
            var selected = Selection.Select(graph.Targets, parse.GetValue(deps)!, [], artifacts)
                .Where(e => !e.IsJunction && !Engine.Sources.SourceCache.IsProjectLocal(e)).ToList();
            using var remotes = CliServices.OpenRemotes(session, remoteOptions.Read(parse));
            ArtifactTransferCommands.RequireRemotes(selected, e => remotes.HasSourceRemotes(e.Project, push: true), "pushing sources");
            var uncached = selected.Where(e => !artifacts.Sources.Contains(e)).Select(e => e.FullName).ToList();
            if (uncached.Count > 0)
                throw new Yaml.LoadException(Yaml.ErrorReason.MissingFile, null, $"Sources not in the local cache, so cannot be pushed: {string.Join(", ", uncached)}",
                    "Fetch them first (bgx source fetch).");
            var reporter = new BuildReporter(stdout, session.UserConfig.KeyLength);
            var results = session.PushSourcesAsync(selected, artifacts, remotes, reporter.Report, interrupts.Token).GetAwaiter().GetResult();
            return ArtifactTransferCommands.Summarise(results, stdout, stderr, "source");
        }));
        return command;
    }

    private static Command Checkout(GlobalOptions globals, TextWriter stdout, TextWriter stderr)
    {
        var directory = new Option<string>("--directory") { Description = "Where to stage the sources", Required = true };
        var element = new Argument<string>("element");
        var command = new Command("checkout", "Stage an element's sources into a directory for inspection") { directory, element };
        command.SetAction(parse => CliApp.Guard(stderr, () =>
        {
            using var interrupts = new Interrupts();
            var session = CliApp.OpenSession(globals, parse);
            var graph = session.Load(new[] { parse.GetValue(element)! });
            var artifacts = CliServices.OpenArtifacts(session);
            var target = graph.Targets[0];
            var dir = parse.GetValue(directory)!;
            if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
                throw new Yaml.LoadException(Yaml.ErrorReason.InvalidData, null, $"Directory {dir} is not empty", "Choose an empty or new directory.");
            artifacts.Sources.StageAsync(target, dir, interrupts.Token).GetAwaiter().GetResult();
            stdout.WriteLine($"Staged the sources of {target.FullName} in {dir}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
