using System.CommandLine;
using BuildGraph.Cli.Remotes;
using BuildGraph.Cli.Rendering;
using BuildGraph.Engine.Building;

namespace BuildGraph.Cli.Commands;

/// <summary><c>bgx build</c>: builds elements and what they need, hermetically, caching every artifact.</summary>
internal static class BuildCommand
{
    public static Command Create(GlobalOptions globals, TextWriter stdout, TextWriter stderr)
    {
        var builders = new Option<int?>("--builders") { Description = "How many elements to build at once (default: user config, else CPU count)" };
        var onError = new Option<string?>("--on-error") { Description = "On a failure: quit (finish running builds, start none) or continue" };
        onError.AcceptOnlyFromAmong("quit", "continue", "terminate");
        var elements = new Argument<string[]>("elements") { Arity = ArgumentArity.ZeroOrMore, Description = "Elements to build (default: the project's default targets)" };
        var remoteOptions = new RemoteOptions(artifacts: true, sources: true);
        var command = new Command("build", "Build elements, pulling from and pushing to remote caches") { builders, onError, elements };
        remoteOptions.AddTo(command);
        command.SetAction(parse => CliApp.Guard(stderr, () =>
        {
            using var interrupts = new Interrupts();
            var session = CliApp.OpenSession(globals, parse);
            var graph = session.Load(parse.GetValue(elements) ?? Array.Empty<string>());
            var artifacts = CliServices.OpenArtifacts(session);
            using var remotes = CliServices.OpenRemotes(session, remoteOptions.Read(parse));
            var pulled = 0;
            var continueOnError = parse.GetValue(onError) is { } mode ? mode == "continue" : (bool?)null;
            var sandbox = CliServices.CreateSandbox();
            BuildScheduler.Summary summary;
            if (CliApp.IsInteractive(globals, parse, stdout))
            {
                var live = new LiveBuildStatus(session.UserConfig.KeyLength) { Total = graph.InDependencyOrder.Count(e => !e.IsJunction) };
                summary = live.RunAsync(() => session.BuildAsync(graph, artifacts, sandbox, Counting(live.Report), interrupts.Token,
                    parse.GetValue(builders), continueOnError, remotes)).GetAwaiter().GetResult();
            }
            else
            {
                var reporter = new BuildReporter(stdout, session.UserConfig.KeyLength);
                summary = session.BuildAsync(graph, artifacts, sandbox, Counting(reporter.Report), interrupts.Token,
                    parse.GetValue(builders), continueOnError, remotes).GetAwaiter().GetResult();
            }
            foreach (var warning in session.Warnings.Messages)
                stderr.WriteLine(warning);
            if (pulled > 0)
                stdout.WriteLine($"Pulled {pulled} from remote caches.");
            stdout.WriteLine($"Built {summary.Built.Count}, failed {summary.Failed.Count}, skipped {summary.Skipped.Count}.");
            if (summary.Failed.Count > 0)
            {
                stderr.WriteLine($"error: {summary.Failed.Count} element(s) failed to build: {string.Join(", ", summary.Failed.Select(e => e.FullName))}");
                return ExitCodes.UserError;
            }
            return ExitCodes.Success;

            Action<BuildMessage> Counting(Action<BuildMessage> report) => message =>
            {
                if (message.Event == BuildEvent.Pulled && !message.Text.StartsWith("sources", StringComparison.Ordinal))
                    Interlocked.Increment(ref pulled);
                report(message);
            };
        }));
        return command;
    }
}
