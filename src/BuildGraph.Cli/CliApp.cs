using System.CommandLine;
using BuildGraph.Cli.Commands;
using BuildGraph.Engine;
using BuildGraph.Engine.Config;
using BuildGraph.Plugins;
using BuildGraph.Yaml;

namespace BuildGraph.Cli;

/// <summary>The command line: parses, runs one verb, turns errors into messages and exit codes.</summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var logFile = LogFileArgument(args);
        if (logFile is null)
            return RunWith(args, stdout, stderr);
        StreamWriter log;
        try
        {
            log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write the log file {logFile}: {e.Message}");
            return ExitCodes.UserError;
        }
        using (log)
        {
            log.WriteLine($"# {DateTime.Now:yyyy-MM-dd HH:mm:ss} bgx {string.Join(' ', args)}");
            return RunWith(args, new TeeWriter(stdout, log), new TeeWriter(stderr, log));
        }
    }

    /// <summary>The <c>--log-file</c> value, read before parsing so every writer can copy into it.</summary>
    private static string? LogFileArgument(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--")
                break;
            if (args[i] == "--log-file" && i + 1 < args.Length)
                return args[i + 1];
            if (args[i].StartsWith("--log-file=", StringComparison.Ordinal))
                return args[i]["--log-file=".Length..];
        }
        return null;
    }

    private static int RunWith(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand("bgx: a fast build-graph engine for BuildStream 2 projects");
        globals.AddTo(root);
        root.Subcommands.Add(ShowCommand.Create(globals, stdout, stderr));
        root.Subcommands.Add(BuildCommand.Create(globals, stdout, stderr));
        root.Subcommands.Add(ShellCommand.Create(globals, stdout, stderr));
        root.Subcommands.Add(ArtifactCommand.Create(globals, stdout, stderr));
        root.Subcommands.Add(CasCommand.Create(globals, stdout, stderr));
        root.Subcommands.Add(ArtifactServerCommand.Create(stdout, stderr));
        root.Subcommands.Add(SourceCommand.Create(globals, stdout, stderr));
        root.Subcommands.Add(Cargo2Command.Create(stdout, stderr));
        var parse = root.Parse(GlobalOptions.JoinOptionPairs(args));
        if (parse.Errors.Count > 0)
        {
            // A usage error is bad input like any other: one message on stderr and exit 2 (as bst/click),
            // not the help text on stdout with exit 1.
            foreach (var error in parse.Errors)
                stderr.WriteLine("error: " + error.Message);
            stderr.WriteLine("Try 'bgx --help' for more information.");
            return ExitCodes.UserError;
        }
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr };
        return parse.Invoke(invocation);
    }

    /// <summary>Runs a verb's body with bgx's error policy: user errors in one message, bugs with a trace.</summary>
    public static int Guard(TextWriter stderr, Func<int> body)
    {
        try
        {
            return GuardInner(stderr, body);
        }
        finally
        {
            BuildSession.DrainBackgroundWork();
        }
    }

    private static int GuardInner(TextWriter stderr, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (BgxException e)
        {
            stderr.WriteLine("error: " + e.Render());
            return ExitCodes.UserError;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("Interrupted.");
            return 130;
        }
        catch (Exception e)
        {
            stderr.WriteLine("BUG: bgx failed unexpectedly. Please report this with the trace below.");
            stderr.WriteLine(e.ToString());
            return ExitCodes.Bug;
        }
    }

    /// <summary>Live status only on a real terminal, never in CI, pipes or with --no-interactive.</summary>
    public static bool IsInteractive(GlobalOptions globals, ParseResult parse, TextWriter stdout)
    {
        if (parse.GetValue(globals.NoColors))
            Spectre.Console.AnsiConsole.Profile.Capabilities.ColorSystem = Spectre.Console.ColorSystem.NoColors;
        else if (parse.GetValue(globals.Colors))
            Spectre.Console.AnsiConsole.Profile.Capabilities.ColorSystem = Spectre.Console.ColorSystem.Standard;
        return !parse.GetValue(globals.NoInteractive) && ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected
            && Environment.GetEnvironmentVariable("CI") is null or "";
    }

    /// <summary>Opens the session the global options describe.</summary>
    public static BuildSession OpenSession(GlobalOptions globals, ParseResult parse)
    {
        var userConfig = UserConfig.Load(parse.GetValue(globals.Config));
        var directory = parse.GetValue(globals.Directory) ?? Directory.GetCurrentDirectory();
        var options = GlobalOptions.SplitPairs(parse.GetValue(globals.ProjectOptions));
        return BuildSession.Open(directory, userConfig, new BuiltinPluginCatalog(), options);
    }
}
