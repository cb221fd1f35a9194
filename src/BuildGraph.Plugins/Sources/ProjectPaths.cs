using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>
/// Checks a project-relative path as written, without touching the disk: it must be relative and
/// must not climb out of the project. Existence and symlinks are checked when the path is read.
/// </summary>
internal static class ProjectPaths
{
    /// <summary>The path as written, once it is known to stay inside the project.</summary>
    public static string Check(ScalarNode node)
    {
        var path = node.Value;
        if (path.StartsWith('/'))
            throw new LoadException(ErrorReason.InvalidProjectPath, node.Provenance,
                $"Absolute path '{path}' is invalid", "Specify a path relative to the project's root.");
        var depth = 0;
        foreach (var part in path.Split('/'))
        {
            switch (part)
            {
                case "" or ".":
                    break;
                case "..":
                    if (--depth < 0)
                        throw new LoadException(ErrorReason.InvalidProjectPath, node.Provenance,
                            $"Specified path '{path}' must not lead outside of the project directory");
                    break;
                default:
                    depth++;
                    break;
            }
        }
        return path;
    }
}
