using BuildGraph.Yaml;

namespace BuildGraph.Engine.Loading;

/// <summary>An element file after conditionals and includes, before its kind configures it.</summary>
internal sealed class LoadedElement
{
    public LoadedElement(Project project, string name, MappingNode node, string kind, List<DependencySpec> dependencies)
    {
        Project = project;
        Name = name;
        Node = node;
        Kind = kind;
        Dependencies = dependencies;
    }

    public Project Project { get; }

    /// <summary>Path relative to the project's element-path.</summary>
    public string Name { get; }

    public string FullName => Project.NamePrefix + Name;

    public MappingNode Node { get; }

    public string Kind { get; }

    public List<DependencySpec> Dependencies { get; }

    public Provenance Provenance => Node.Provenance;
}
