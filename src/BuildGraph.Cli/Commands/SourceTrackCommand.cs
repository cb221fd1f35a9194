using System.CommandLine;
using BuildGraph.Cli.Rendering;
using BuildGraph.Engine.Graph;

namespace BuildGraph.Cli.Commands;

/// <summary>
/// <c>bgx source track [--deps none|all] [--except E] [--report FILE] [--check] ELEMENT...</c>: resolves the
/// newest refs of the elements' sources and writes the changed ones back (inline or project.refs).
/// <c>--check</c> writes nothing and exits 1 when a ref would change.
/// </summary>
internal static class SourceTrackCommand
{
    public static Command Create(GlobalOptions globals, TextWriter stdout, TextWriter stderr)
    {
        var deps = new Option<string>("--deps", "-d") { Description = "none (default): the targets only; all: everything they depend on too", DefaultValueFactory = _ => "none" };
        deps.AcceptOnlyFromAmong("none", "all");
        var except = new Option<string[]>("--except") { Description = "Except these elements", Arity = ArgumentArity.ZeroOrMore };
        var report = new Option<string?>("--report") { Description = "Write a JSON report of old and new refs (and commit subjects) to FILE" };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when some ref would change" };
        var elements = new Argument<string[]>("elements") { Arity = ArgumentArity.ZeroOrMore, Description = "Elements to track (default: the project's default targets)" };
        var command = new Command("track", "Track new refs for sources and write them back") { deps, except, report, check, elements };
        command.SetAction(parse => CliApp.Guard(stderr, () =>
        {
            using var interrupts = new Interrupts();
            var session = CliApp.OpenSession(globals, parse);
            var targetNames = parse.GetValue(elements) is { Length: > 0 } given ? given.ToList() : session.DefaultTargets();
            var exceptNames = parse.GetValue(except) ?? Array.Empty<string>();
            var graph = session.Load(targetNames.Concat(exceptNames).ToList());
            var selected = Selection.Select(graph.Targets.Take(targetNames.Count).ToList(), parse.GetValue(deps)!,
                graph.Targets.Skip(targetNames.Count).ToHashSet(), new EmptyCache());
            var progress = new BuildReporter(stdout, session.UserConfig.KeyLength);
            var outcomes = session.TrackAsync(selected, progress.Report, interrupts.Token).GetAwaiter().GetResult();
            var checking = parse.GetValue(check);
            var files = new List<string>();
            var failures = outcomes.Where(o => o.Error is not null).Select(o => o.Error!).ToList();
            if (!checking)
            {
                var written = session.WriteRefsAsync(outcomes, interrupts.Token).GetAwaiter().GetResult();
                files.AddRange(written.Files.Select(f => Path.GetRelativePath(session.Project.Directory, f)));
                failures.AddRange(written.Errors.Select(e => e.Error));
            }
            foreach (var failure in failures)
                stderr.WriteLine("error: " + failure.Render());
            foreach (var warning in session.Warnings.Messages)
                stderr.WriteLine(warning);
            foreach (var line in outcomes.Where(o => o.Changed).SelectMany(TrackReport.Describe))
                stdout.WriteLine(checking ? "would change: " + line : line);
            foreach (var file in files)
                stdout.WriteLine("wrote " + file);
            if (parse.GetValue(report) is { } reportFile)
                File.WriteAllText(reportFile, TrackReport.Json(outcomes, files, written: !checking));
            if (failures.Count > 0)
                return ExitCodes.UserError;
            return checking && outcomes.Any(o => o.Changed) ? ExitCodes.Changed : ExitCodes.Success;
        }));
        return command;
    }
}
