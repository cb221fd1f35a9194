using System.CommandLine;
using BuildGraph.Cli.Rendering;
using BuildGraph.Engine.Graph;

namespace BuildGraph.Cli.Commands;

/// <summary><c>bgx show</c>: the elements of a pipeline with their state, keys and configuration.</summary>
internal static class ShowCommand
{
    private const string DefaultFormat = "%{state: >12} %{key} %{name}";

    public static Command Create(GlobalOptions globals, TextWriter stdout, TextWriter stderr)
    {
        var deps = new Option<string>("--deps", "-d")
        {
            Description = "The dependencies to show: none, run, build, all or plan",
            DefaultValueFactory = _ => "all",
        };
        deps.AcceptOnlyFromAmong("none", "run", "build", "all", "plan");
        var except = new Option<string[]>("--except") { Description = "Except these elements and what only they need", Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string?>("--format", "-f") { Description = "Format string for each element (%{name}, %{key}, %{state}, %{vars}, ...)" };
        var order = new Option<string>("--order") { Description = "stage (default) or alpha", DefaultValueFactory = _ => "stage" };
        order.AcceptOnlyFromAmong("stage", "alpha");
        var elements = new Argument<string[]>("elements") { Arity = ArgumentArity.ZeroOrMore, Description = "Target elements (default: the project's default targets)" };
        var command = new Command("show", "Show elements in the pipeline") { deps, except, format, order, elements };
        command.SetAction(parse => CliApp.Guard(stderr, () =>
        {
            var session = CliApp.OpenSession(globals, parse);
            var targetNames = parse.GetValue(elements) is { Length: > 0 } given ? given.ToList() : session.DefaultTargets();
            var exceptNames = parse.GetValue(except) ?? Array.Empty<string>();
            // --except elements are loaded too, so that one outside the targets' graph still works.
            var graph = session.Load(targetNames.Concat(exceptNames).ToList());
            var targets = graph.Targets.Take(targetNames.Count).ToList();
            var excluded = graph.Targets.Skip(targetNames.Count).ToHashSet();
            var cache = CliServices.OpenArtifacts(session);
            var selected = Selection.Select(targets, parse.GetValue(deps)!, excluded, cache);
            if (parse.GetValue(order) == "alpha")
                selected = selected.OrderBy(e => e.FullName, StringComparer.Ordinal).ToList();
            foreach (var warning in session.Warnings.Messages)
                stderr.WriteLine(warning);
            var formatter = new ShowFormatter(parse.GetValue(format) ?? DefaultFormat, session.UserConfig.KeyLength, cache);
            stdout.WriteLine(formatter.FormatAll(selected));
            return ExitCodes.Success;
        }));
        return command;
    }
}
