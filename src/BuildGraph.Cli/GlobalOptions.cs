using System.CommandLine;

namespace BuildGraph.Cli;

/// <summary>Options given before the verb, as with bst: <c>bgx -C DIR -o arch x86_64 show ...</c>.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Directory { get; } = new("--directory", "-C")
    {
        Description = "Project directory (default: the current directory or the nearest one above with project.conf)",
        Recursive = true,
    };

    public Option<string?> Config { get; } = new("--config", "-c")
    {
        Description = "User configuration file (default: ~/.config/bgx.conf)",
        Recursive = true,
    };

    public Option<string[]> ProjectOptions { get; } = new("--option", "-o")
    {
        Description = "Set a project option: -o NAME VALUE (repeatable)",
        Recursive = true,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<bool> NoInteractive { get; } = new("--no-interactive")
    {
        Description = "Never ask questions or show live status",
        Recursive = true,
    };

    public Option<bool> Colors { get; } = new("--colors") { Description = "Force colours", Recursive = true };

    public Option<bool> NoColors { get; } = new("--no-colors") { Description = "Disable colours", Recursive = true };

    public Option<string?> LogFile { get; } = new("--log-file") { Description = "Also write messages to this file", Recursive = true };

    public void AddTo(RootCommand root)
    {
        foreach (var option in new Option[] { Directory, Config, ProjectOptions, NoInteractive, Colors, NoColors, LogFile })
            root.Options.Add(option);
    }

    /// <summary>
    /// Rewrites <c>-o NAME VALUE</c> into <c>-o NAME=VALUE</c> so the parser sees one token per option.
    /// </summary>
    public static string[] JoinOptionPairs(string[] args)
    {
        var result = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if ((args[i] == "-o" || args[i] == "--option") && i + 2 < args.Length)
            {
                result.Add("--option");
                result.Add(args[i + 1] + "=" + args[i + 2]);
                i += 2;
                continue;
            }
            if (args[i] == "--")
            {
                result.AddRange(args[i..]);
                break;
            }
            result.Add(args[i]);
        }
        return result.ToArray();
    }

    public static List<KeyValuePair<string, string>> SplitPairs(string[]? pairs) =>
        (pairs ?? Array.Empty<string>())
            .Select(p => p.Split('=', 2))
            .Select(p => new KeyValuePair<string, string>(p[0], p.Length > 1 ? p[1] : ""))
            .ToList();
}
