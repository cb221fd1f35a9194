using BuildGraph.Yaml;

namespace BuildGraph.Engine.Loading;

/// <summary>
/// Resolves <c>(@)</c> includes: each included file is composed under the includer (the includer
/// wins; a later include beats an earlier one). Paths are relative to the project root;
/// <c>junction.bst:path</c> reads from a subproject.
/// </summary>
internal sealed class IncludeProcessor(LoadContext context)
{
    /// <summary>Processes includes in <paramref name="node"/> and everything nested in it.</summary>
    /// <param name="onlyLocal">Skip includes from junctions (project.conf's first pass).</param>
    /// <param name="processOptions">Resolve the project's conditionals on each included file first.</param>
    public void Process(MappingNode node, Project project, bool onlyLocal, bool processOptions)
    {
        if (processOptions)
            project.Options.ProcessNode(node);
        ProcessNode(node, project, new HashSet<string>(StringComparer.Ordinal), onlyLocal, processOptions);
    }

    private void ProcessNode(MappingNode node, Project project, HashSet<string> including, bool onlyLocal, bool processOptions)
    {
        if (node.TryGet(Composite.Include, out var includesNode))
        {
            node.Remove(Composite.Include);
            var includes = includesNode switch
            {
                ScalarNode s => new List<ScalarNode> { s },
                SequenceNode seq => seq.Items.Select(i => i as ScalarNode ?? throw new LoadException(ErrorReason.InvalidData,
                    i.Provenance, "Include entries must be file paths")).ToList(),
                _ => throw new LoadException(ErrorReason.InvalidData, includesNode.Provenance,
                    "(@) must be a file path or a list of file paths"),
            };
            for (var i = includes.Count - 1; i >= 0; i--)
            {
                var include = includes[i];
                if (onlyLocal && include.Value.Contains(':'))
                    continue;
                var (included, path, subproject) = LoadIncluded(include, project);
                if (!including.Add(path))
                    throw new LoadException(ErrorReason.RecursiveInclude, include.Provenance,
                        $"Recursive include of {include.Value}", "An included file includes itself, directly or through others.");
                try
                {
                    if (processOptions)
                        subproject.Options.ProcessNode(included);
                    ProcessNode(included, subproject, including, onlyLocal, processOptions);
                }
                finally
                {
                    including.Remove(path);
                }
                Composite.Under(node, included);
            }
        }
        foreach (var (_, value) in node.Entries.ToList())
            ProcessValue(value, project, including, onlyLocal, processOptions);
    }

    private void ProcessValue(Node value, Project project, HashSet<string> including, bool onlyLocal, bool processOptions)
    {
        if (value is MappingNode mapping)
            ProcessNode(mapping, project, including, onlyLocal, processOptions);
        else if (value is SequenceNode seq)
        {
            foreach (var item in seq.Items)
                ProcessValue(item, project, including, onlyLocal, processOptions);
        }
    }

    private (MappingNode Node, string Path, Project Project) LoadIncluded(ScalarNode include, Project project)
    {
        var target = project;
        var relative = include.Value;
        var colon = relative.LastIndexOf(':');
        if (colon >= 0)
        {
            target = context.ResolveJunction(project, relative[..colon], include.Provenance);
            relative = relative[(colon + 1)..];
        }
        var path = Path.GetFullPath(Path.Combine(target.Directory, relative));
        if (Directory.Exists(path))
            throw new LoadException(ErrorReason.MissingFile, include.Provenance,
                $"Include {include.Value} is a directory", "Include a YAML file.");
        if (!File.Exists(path))
            throw new LoadException(ErrorReason.MissingFile, include.Provenance,
                $"Included file {include.Value} does not exist",
                "Include paths are relative to the project root (the directory of project.conf).");
        var node = context.LoadYamlCopy(path, target.DisplayPath(relative), include.Provenance);
        if (!ReferenceEquals(target, project))
            node = (MappingNode)ProjectVariables.ExpandWithProjectVariables(target, node);
        return (node, path, target);
    }
}
