using System.Text.RegularExpressions;

namespace BuildGraph.Cli.Tests.Build;

/// <summary>What a user looks at around a build: the per-element lines of its output, checkouts and <c>show</c> states.</summary>
internal static partial class BuildRuns
{
    /// <summary>
    /// The elements that <c>bgx build</c> reported with <paramref name="label"/> (START, CACHED, SUCCESS,
    /// FAILURE, SKIPPED, WARNING), in output order.
    /// </summary>
    public static List<string> Elements(this CliResult result, string label) =>
        result.Stdout.Split('\n')
            .Select(line => EventLine().Match(line))
            .Where(m => m.Success && m.Groups["label"].Value == label)
            .Select(m => m.Groups["element"].Value)
            .ToList();

    /// <summary>The element's state as <c>bgx show</c> prints it (cached, buildable, waiting…).</summary>
    public static string StateOf(this TestProject project, string element) =>
        project.Run("show", "--deps", "none", "--format", "%{state}", element).AssertSuccess().Stdout.Trim();

    /// <summary>A fresh directory beside the project (removed with it) for checkouts.</summary>
    public static string NewDirectory(this TestProject project, string name) =>
        Path.Combine(Path.GetDirectoryName(project.Directory)!, name + "-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Runs <c>artifact checkout</c> into a new directory; returns the run and the directory.</summary>
    public static (CliResult Result, string Directory) Checkout(this TestProject project, string element, string deps = "none")
    {
        var directory = project.NewDirectory("checkout");
        return (project.Run("artifact", "checkout", "--deps", deps, "--directory", directory, element), directory);
    }

    /// <summary>Checks out a built element and fails the test when that does not work.</summary>
    public static string CheckoutBuilt(this TestProject project, string element, string deps = "none")
    {
        var (result, directory) = project.Checkout(element, deps);
        result.AssertSuccess();
        return directory;
    }

    /// <summary>Paths of every entry below <paramref name="directory"/>, relative, '/'-separated, sorted.</summary>
    public static List<string> ListTree(string directory) =>
        Directory.EnumerateFileSystemEntries(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(p => Path.GetRelativePath(directory, p))
            .Order(StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex(@"^\[\d\d:\d\d:\d\d\] (?<label>[A-Z]+) +[0-9a-f]* +(?<element>\S+\.bst)")]
    private static partial Regex EventLine();
}
