using System.CommandLine;

namespace BuildGraph.Cli.Commands;

/// <summary><c>bgx shell</c>: an interactive shell (or one command) in an element's sandbox.</summary>
internal static class ShellCommand
{
    public static Command Create(GlobalOptions globals, TextWriter stdout, TextWriter stderr)
    {
        var build = new Option<bool>("--build", "-b") { Description = "Stage the build dependencies and sources instead of the runtime closure" };
        var element = new Argument<string>("element") { Description = "The element whose sandbox to enter" };
        var commandArgs = new Argument<string[]>("command") { Arity = ArgumentArity.ZeroOrMore, Description = "A command to run instead of an interactive shell (after --)" };
        var command = new Command("shell", "Run a shell in an element's sandbox") { build, element, commandArgs };
        command.SetAction(parse => CliApp.Guard(stderr, () =>
        {
            using var interrupts = new Interrupts();
            var session = CliApp.OpenSession(globals, parse);
            var graph = session.Load(new[] { parse.GetValue(element)! });
            var artifacts = CliServices.OpenArtifacts(session);
            var sandbox = CliServices.CreateSandbox();
            using var shell = session.PrepareShellAsync(graph.Targets[0], parse.GetValue(build), artifacts, sandbox, interrupts.Token).GetAwaiter().GetResult();
            var sandboxCommand = shell.Command;
            if (parse.GetValue(commandArgs) is { Length: > 0 } argv)
                sandboxCommand = sandboxCommand with { Arguments = argv, Interactive = false };
            var result = sandbox.RunAsync(sandboxCommand, stdout, interrupts.Token).GetAwaiter().GetResult();
            return result.ExitCode;
        }));
        return command;
    }
}
