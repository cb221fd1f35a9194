using BuildGraph.Engine.Config;
using BuildGraph.Engine.Graph;
using BuildGraph.Plugins;

namespace BuildGraph.Engine.Tests;

/// <summary>
/// A fixture project (<c>Fixtures/&lt;case&gt;/</c>) copied to a fresh temporary directory, with its
/// own user configuration and cache directory there, so tests may edit files freely and never touch
/// the user's ~/.cache or ~/.config. Everything is deleted on <see cref="Dispose"/>.
/// </summary>
internal sealed class TestProject : IDisposable
{
    /// <summary>Pinned so variables such as max-jobs do not depend on the machine running the tests.</summary>
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
    }

    /// <summary>The project directory (holding project.conf).</summary>
    public string Directory { get; }

    public string CacheDirectory { get; }

    /// <summary>The user configuration file <see cref="Open"/> reads.</summary>
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

    /// <summary>An empty project directory, for tests that write every file themselves.</summary>
    public static TestProject Empty() =>
        new(Path.Combine(Path.GetTempPath(), "bgx-tests", Guid.NewGuid().ToString("N")));

    /// <summary>Writes (or overwrites) a file of the project, creating directories as needed.</summary>
    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public string Read(string relativePath) => File.ReadAllText(Path.Combine(Directory, relativePath));

    /// <summary>Replaces text in a project file; fails when the text is not there, so edits cannot silently miss.</summary>
    public void Replace(string relativePath, string oldText, string newText)
    {
        var content = Read(relativePath);
        if (!content.Contains(oldText, StringComparison.Ordinal))
            throw new InvalidOperationException($"'{oldText}' not found in {relativePath}");
        Write(relativePath, content.Replace(oldText, newText, StringComparison.Ordinal));
    }

    /// <summary>
    /// Opens the project with a user configuration holding the temporary cachedir, a fixed max-jobs
    /// and <paramref name="userConfig"/> (extra top-level YAML, e.g. a <c>projects:</c> section), and
    /// <paramref name="options"/> as command-line options.
    /// </summary>
    public BuildSession Open(string userConfig = "", params (string Name, string Value)[] options) =>
        BuildSession.Open(Directory, UserConfig(userConfig), new BuiltinPluginCatalog(),
            options.Select(o => new KeyValuePair<string, string>(o.Name, o.Value)).ToList());

    /// <summary>Writes <see cref="UserConfigFile"/> (temporary cachedir, fixed max-jobs, <paramref name="extra"/>) and reads it.</summary>
    public UserConfig UserConfig(string extra = "")
    {
        File.WriteAllText(UserConfigFile, $"cachedir: {CacheDirectory}\nbuild:\n  max-jobs: {MaxJobs}\n{extra}");
        return Config.UserConfig.Load(UserConfigFile);
    }

    /// <summary>Opens the project with CLI options only and loads <paramref name="targets"/>.</summary>
    public LoadedGraph Load(params string[] targets) => Open().Load(targets);

    /// <summary>Loads one target and returns its element.</summary>
    public Element Element(string target, string userConfig = "", params (string Name, string Value)[] options)
    {
        var graph = Open(userConfig, options).Load(new[] { target });
        return Assert.Single(graph.Targets);
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
