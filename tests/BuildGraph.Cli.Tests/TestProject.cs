namespace BuildGraph.Cli.Tests;

/// <summary>
/// A fixture project (<c>Fixtures/&lt;case&gt;/</c>) copied to a fresh temporary directory, with a user
/// configuration whose cachedir is there too, so runs never touch ~/.cache or ~/.config. Runs
/// <c>bgx</c> in-process with <c>--config</c> and <c>-C</c> set. Everything is deleted on <see cref="Dispose"/>.
/// </summary>
internal sealed class TestProject : IDisposable
{
    /// <summary>Pinned so the max-jobs variable does not depend on the machine running the tests.</summary>
    public const int MaxJobs = 4;

    private readonly string _root;

    private TestProject(string root)
    {
        _root = root;
        Directory = Path.Combine(root, "project");
        CacheDirectory = Path.Combine(root, "cache");
        UserConfigFile = Path.Combine(root, "bgx.conf");
        System.IO.Directory.CreateDirectory(Directory);
        System.IO.Directory.CreateDirectory(CacheDirectory);
        WriteUserConfig("");
    }

    /// <summary>The project directory (holding project.conf, unless the test removes it).</summary>
    public string Directory { get; }

    public string CacheDirectory { get; }

    /// <summary>The user configuration file passed with <c>--config</c>.</summary>
    public string UserConfigFile { get; }

    /// <summary>Copies <c>Fixtures/<paramref name="fixture"/></c> from the test output directory.</summary>
    public static TestProject Copy(string fixture)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture);
        if (!System.IO.Directory.Exists(source))
            throw new InvalidOperationException($"No fixture {fixture} in {source}");
        var project = Empty();
        CopyTree(source, project.Directory);
        return project;
    }

    /// <summary>An empty project directory (no project.conf).</summary>
    public static TestProject Empty() =>
        new(Path.Combine(Path.GetTempPath(), "bgx-cli-tests", Guid.NewGuid().ToString("N")));

    /// <summary>Writes the user configuration: the temporary cachedir, a fixed max-jobs, then <paramref name="extra"/>.</summary>
    public void WriteUserConfig(string extra) =>
        File.WriteAllText(UserConfigFile, $"cachedir: {CacheDirectory}\nbuild:\n  max-jobs: {MaxJobs}\n{extra}");

    /// <summary>Writes (or overwrites) a file of the project, creating directories as needed.</summary>
    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>Runs <c>bgx --config FILE -C DIR <paramref name="args"/></c>.</summary>
    public CliResult Run(params string[] args) =>
        RunRaw(new[] { "--config", UserConfigFile, "-C", Directory }.Concat(args).ToArray());

    /// <summary>Runs <c>bgx <paramref name="args"/></c> exactly as given.</summary>
    public static CliResult RunRaw(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exitCode = CliApp.Run(args, stdout, stderr);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static void CopyTree(string source, string target)
    {
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.EnumerateFiles(source))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        foreach (var directory in System.IO.Directory.EnumerateDirectories(source))
            CopyTree(directory, Path.Combine(target, Path.GetFileName(directory)));
    }
}
