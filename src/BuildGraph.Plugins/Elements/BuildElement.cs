using System.Text.Json.Nodes;
using BuildGraph.Abstractions;

namespace BuildGraph.Plugins.Elements;

/// <summary>A configured build element: its expanded command lists and how its dependencies are staged.</summary>
internal sealed class BuildElement(
    IReadOnlyList<CommandGroup> commands,
    string? commandSubdir,
    bool notParallel,
    DependencyLayout layout) : IElement
{
    public IReadOnlyList<CommandGroup> Commands => commands;

    /// <summary>Where commands run, relative to <c>%{build-root}</c>; null for the build root itself.</summary>
    public string? CommandSubdir => commandSubdir;

    public DependencyLayout Layout => layout;

    public AssemblyPlan Assembly => new CommandsPlan(commands, layout.Plan(), StageSources: true, RootReadOnly: true,
        CommandSubdir: commandSubdir);

    public JsonNode GetUniqueKey()
    {
        var key = new JsonObject();
        foreach (var group in commands)
            key[group.Name] = NodeJson.Strings(group.Commands);
        if (commandSubdir is not null)
            key["command-subdir"] = commandSubdir;
        if (notParallel)
            key["notparallel"] = true;
        if (layout.StagesOutsideRoot)
            key["layout"] = layout.LocationsKey();
        if (layout.DigestVariables.Count > 0)
            key["digest-enviornment"] = layout.DigestKey(); // sic: BuildStream's spelling, part of the key
        return key;
    }
}
