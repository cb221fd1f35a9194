using BuildGraph.Engine.Config;
using BuildGraph.Engine.Graph;
using BuildGraph.Plugins;
using BuildGraph.Testing;

namespace BuildGraph.Engine.Tests;

/// <summary>A temporary project (see <see cref="ProjectDirectory"/>) opened with the engine in-process.</summary>
internal sealed class TestProject : ProjectDirectory
{
    private TestProject() : base("bgx-tests")
    {
    }

    /// <summary>Copies <c>Fixtures/<paramref name="fixture"/></c> from the test output directory.</summary>
    public static TestProject Copy(string fixture)
    {
        var project = new TestProject();
        project.CopyFixture(fixture);
        return project;
    }

    /// <summary>An empty project directory, for tests that write every file themselves.</summary>
    public static TestProject Empty() => new();

    /// <summary>
    /// Opens the project with a user configuration holding the temporary cachedir, a fixed max-jobs
    /// and <paramref name="userConfig"/> (extra top-level YAML, e.g. a <c>projects:</c> section), and
    /// <paramref name="options"/> as command-line options.
    /// </summary>
    public BuildSession Open(string userConfig = "", params (string Name, string Value)[] options) =>
        BuildSession.Open(Directory, UserConfig(userConfig), new BuiltinPluginCatalog(),
            options.Select(o => new KeyValuePair<string, string>(o.Name, o.Value)).ToList());

    /// <summary>Writes <see cref="ProjectDirectory.UserConfigFile"/> (temporary cachedir, fixed max-jobs, <paramref name="extra"/>) and reads it.</summary>
    public UserConfig UserConfig(string extra = "")
    {
        WriteUserConfig(extra);
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
}
