using System.Text.Json.Nodes;
using BuildGraph.Abstractions;

namespace BuildGraph.Plugins.Elements;

/// <summary>A configured script element.</summary>
internal sealed class ScriptElement(
    IReadOnlyList<string> commands,
    string workingDirectory,
    string installRoot,
    bool rootReadOnly,
    DependencyLayout layout) : IElement
{
    private readonly CommandGroup[] _groups = [new CommandGroup("commands", commands)];

    public IReadOnlyList<CommandGroup> Commands => _groups;

    public string WorkingDirectory => workingDirectory;

    public string InstallRoot => installRoot;

    public bool RootReadOnly => rootReadOnly;

    public DependencyLayout Layout => layout;

    public AssemblyPlan Assembly => new CommandsPlan(_groups, layout.Plan(), StageSources: false, RootReadOnly: rootReadOnly,
        WorkingDirectory: workingDirectory);

    public JsonNode GetUniqueKey() => new JsonObject
    {
        // Command groups by name: script has the single group "commands".
        ["commands"] = new JsonObject { ["commands"] = NodeJson.Strings(commands) },
        ["cwd"] = workingDirectory,
        ["install-root"] = installRoot,
        ["layout"] = layout.LocationsKey(),
        ["root-read-only"] = rootReadOnly,
    };
}
