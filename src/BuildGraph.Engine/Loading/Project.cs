using BuildGraph.Abstractions;
using BuildGraph.Engine.Options;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Loading;

/// <summary>A loaded project.conf: the toplevel project or one reached through a junction.</summary>
public sealed class Project
{
    internal Project(string name, string directory, string elementPath, string? junctionName, Project? parent)
    {
        Name = name;
        Directory = directory;
        ElementPath = elementPath;
        JunctionName = junctionName;
        Parent = parent;
        Refs = new ProjectRefs(directory, "project.refs");
        JunctionRefs = new ProjectRefs(directory, "junction.refs");
    }

    public string Name { get; }

    /// <summary>Absolute directory holding project.conf.</summary>
    public string Directory { get; }

    /// <summary>Absolute directory element names are relative to.</summary>
    public string ElementPath { get; }

    /// <summary>Full name of the junction this project was loaded through (<c>a.bst:b.bst</c>), or null.</summary>
    public string? JunctionName { get; }

    public Project? Parent { get; }

    /// <summary>The prefix of full element names in this project: empty, or the junction name and a colon.</summary>
    public string NamePrefix => JunctionName is null ? "" : JunctionName + ":";

    internal OptionPool Options { get; set; } = null!;
    internal MappingNode BaseVariables { get; set; } = null!;
    internal MappingNode BaseEnvironment { get; set; } = null!;
    internal IReadOnlyList<string> EnvironmentNoCache { get; set; } = Array.Empty<string>();
    internal MappingNode SplitRules { get; set; } = null!;
    internal IReadOnlyList<string> FatalWarnings { get; set; } = Array.Empty<string>();
    internal MappingNode ElementOverrides { get; set; } = null!;
    internal MappingNode SourceOverrides { get; set; } = null!;
    internal MappingNode Sandbox { get; set; } = null!;
    internal MappingNode Aliases { get; set; } = null!;
    internal SequenceNode Mirrors { get; set; } = null!;
    internal string RefStorage { get; set; } = "inline";

    /// <summary>project.conf's <c>artifacts</c>: the remote artifact caches the project recommends.</summary>
    public IReadOnlyList<Remotes.RemoteSpec> ArtifactRemotes { get; internal set; } = [];

    /// <summary>project.conf's <c>source-caches</c>.</summary>
    public IReadOnlyList<Remotes.RemoteSpec> SourceCacheRemotes { get; internal set; } = [];

    /// <summary>True with <c>ref-storage: project.refs</c>: refs live in <see cref="Refs"/>, not in element files.</summary>
    internal bool UsesProjectRefs => RefStorage == "project.refs";

    /// <summary>project.refs at the project root (read only with <see cref="UsesProjectRefs"/>).</summary>
    internal ProjectRefs Refs { get; }

    /// <summary>junction.refs: the refs of junction elements' sources with project.refs storage.</summary>
    internal ProjectRefs JunctionRefs { get; }

    /// <summary>The project at the top of the junction chain.</summary>
    internal Project Toplevel => Parent?.Toplevel ?? this;
    internal IReadOnlyList<string> DefaultTargets { get; set; } = Array.Empty<string>();
    internal MappingNode Config { get; set; } = null!;

    /// <summary>Element kinds usable in this project (core kinds plus declared plugins).</summary>
    internal Dictionary<string, IElementKind> ElementKinds { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, ISourceKind> SourceKinds { get; } = new(StringComparer.Ordinal);

    /// <summary>Where each declared plugin kind comes from, for error messages.</summary>
    internal Dictionary<string, string> PluginOrigins { get; } = new(StringComparer.Ordinal);

    public bool IsFatal(string warningToken) => FatalWarnings.Contains(warningToken);

    /// <summary>Display path of a project file for provenance: relative, junction-prefixed.</summary>
    public string DisplayPath(string relativePath) => NamePrefix + relativePath;

    public override string ToString() => JunctionName is null ? Name : $"{Name} (via {JunctionName})";
}
