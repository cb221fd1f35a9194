using BuildGraph.Yaml;

namespace BuildGraph.Engine.Loading;

/// <summary>
/// Reads one .bst file of a project: junction and link elements get only the first-pass
/// conditionals; every other element gets its conditionals, then its includes.
/// </summary>
internal sealed class ElementFileReader(LoadContext context)
{
    private static readonly string[] ElementKeys =
    {
        "kind", "description", "depends", "build-depends", "runtime-depends", "variables", "environment",
        "environment-nocache", "config", "public", "sources", "sandbox",
    };

    private static readonly char[] ForbiddenNameChars = { '<', '>', '"', '|', '?', '*' };

    public LoadedElement Read(Project project, string name, Provenance? requestedAt)
    {
        ValidateName(name, requestedAt ?? Provenance.Unknown(project.DisplayPath(name)));
        var path = Path.Combine(project.ElementPath, name);
        var display = project.DisplayPath(Path.GetRelativePath(project.Directory, path).Replace('\\', '/'));
        if (!File.Exists(path))
        {
            var hint = Directory.Exists(path)
                ? $"{name} is a directory."
                : $"No file {display}; element names are relative to the element-path ({Path.GetRelativePath(project.Directory, project.ElementPath)}).";
            throw new LoadException(ErrorReason.MissingFile, requestedAt ?? Provenance.Unknown(display),
                $"Could not find element {project.NamePrefix}{name}", hint);
        }
        var node = context.LoadYamlCopy(path, display, requestedAt);
        var kindNode = node["kind"] as ScalarNode ?? throw new LoadException(ErrorReason.MissingKey, node.Provenance,
            $"Element {project.NamePrefix}{name} has no 'kind'", "Every element file starts with kind: (manual, import, stack, ...).");
        var kind = kindNode.Value;
        if (kind is "junction" or "link")
            project.Options.ProcessNode(node);
        else
            new IncludeProcessor(context).Process(node, project, onlyLocal: false, processOptions: true);
        node.ValidateKeys(ElementKeys);
        var dependencies = DependencyParser.Parse(node);
        return new LoadedElement(project, name, node, kind, dependencies);
    }

    private static void ValidateName(string name, Provenance at)
    {
        if (!name.EndsWith(".bst", StringComparison.Ordinal))
            throw new LoadException(ErrorReason.InvalidElementName, at,
                $"Element name '{name}' does not end in .bst", "Refer to elements by their file name, e.g. base.bst.");
        if (name.IndexOfAny(ForbiddenNameChars) >= 0 || name.Any(char.IsControl))
            throw new LoadException(ErrorReason.InvalidElementName, at,
                $"Element name '{name}' contains characters that are not allowed (< > \" | ? * or control characters)");
        if (Path.IsPathRooted(name) || name.Split('/').Contains(".."))
            throw new LoadException(ErrorReason.InvalidElementName, at,
                $"Element name '{name}' must be a path inside the element-path");
    }
}
