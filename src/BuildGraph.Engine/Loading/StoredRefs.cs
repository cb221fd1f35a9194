using BuildGraph.Engine.Graph;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Loading;

/// <summary>
/// Applies <c>ref-storage: project.refs</c> to a source's configuration before it is configured
/// (format.md §7.7): the toplevel project's file may override a subproject's refs; a project storing refs
/// in project.refs (junction.refs for junction elements) ignores inline refs, with a warning.
/// </summary>
internal static class StoredRefs
{
    public static void Apply(Element element, IReadOnlyList<string> refKeys, MappingNode config, int index, Provenance at, Warnings warnings)
    {
        var project = element.Project;
        var toplevel = project.Toplevel;
        if (!ReferenceEquals(project, toplevel) && toplevel.UsesProjectRefs
            && For(toplevel, element).Lookup(project.Name, element.Name, index) is { } overriding && overriding["ref"] is not null)
        {
            SetStored(config, overriding, refKeys);
            return;
        }
        if (!project.UsesProjectRefs)
            return;
        if (config.ContainsKey("ref"))
        {
            warnings.Report(config["ref"]!.Provenance,
                $"Ignoring the inline ref of source {index + 1} of {element.FullName}: the project keeps refs in {For(project, element).FileName}");
            config.Remove("ref");
        }
        if (For(project, element).Lookup(project.Name, element.Name, index) is { } stored)
            SetStored(config, stored, refKeys);
    }

    private static void SetStored(MappingNode config, MappingNode stored, IReadOnlyList<string> refKeys)
    {
        foreach (var key in refKeys)
        {
            if (stored[key] is { } value)
                config.Set(key, value);
        }
    }

    /// <summary>The file holding <paramref name="element"/>'s refs in <paramref name="project"/>.</summary>
    public static ProjectRefs For(Project project, Element element) =>
        element.KindName == "junction" ? project.JunctionRefs : project.Refs;
}
