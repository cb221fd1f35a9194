using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Loading;

/// <summary>
/// Reads project.conf's <c>plugins:</c>. A declared kind bgx implements natively is used as it is,
/// whatever its origin; any other declared kind loads as opaque data that cannot be built.
/// </summary>
internal sealed class PluginDeclarations(IPluginCatalog catalog)
{
    public void Register(Project project, MappingNode raw)
    {
        var plugins = raw.TryGetSequence("plugins");
        if (plugins is null)
            return;
        foreach (var item in plugins.Items)
        {
            var entry = item as MappingNode ?? throw new LoadException(ErrorReason.InvalidData, item.Provenance,
                "Each plugins entry must be a dictionary with an origin");
            var origin = entry.GetString("origin");
            switch (origin)
            {
                case "local":
                    entry.ValidateKeys(new[] { "origin", "path", "elements", "sources", "source-mirrors", "allow-deprecated" });
                    var localPath = entry.GetString("path");
                    if (!Directory.Exists(Path.Combine(project.Directory, localPath)))
                        throw new LoadException(ErrorReason.MissingFile, entry["path"]!.Provenance,
                            $"Local plugin directory '{localPath}' does not exist",
                            "Local plugin paths are relative to the project directory.");
                    break;
                case "junction":
                    entry.ValidateKeys(new[] { "origin", "junction", "elements", "sources", "source-mirrors", "allow-deprecated" });
                    break;
                case "pip":
                    entry.ValidateKeys(new[] { "origin", "package-name", "elements", "sources", "source-mirrors", "allow-deprecated" });
                    break;
                default:
                    throw new LoadException(ErrorReason.InvalidData, entry["origin"]!.Provenance,
                        $"Unknown plugin origin '{origin}'", "Use local, junction or pip.");
            }
            var description = origin switch
            {
                "local" => $"local plugin in {entry.GetString("path")}",
                "junction" => $"plugin from junction {entry.GetString("junction")}",
                _ => $"pip package {entry.GetString("package-name")}",
            };
            foreach (var kind in KindNames(entry, "elements"))
            {
                project.PluginOrigins[kind] = description;
                project.ElementKinds[kind] = catalog.TryGetElementKind(kind)
                    ?? catalog.CreateOpaqueElementKind(kind, description, LocalDefaults(project, entry, origin, kind));
            }
            foreach (var kind in KindNames(entry, "sources"))
            {
                project.PluginOrigins["source:" + kind] = description;
                project.SourceKinds[kind] = catalog.TryGetSourceKind(kind) ?? catalog.CreateOpaqueSourceKind(kind, description);
            }
        }
    }

    private static IEnumerable<string> KindNames(MappingNode entry, string key)
    {
        if (entry.TryGetSequence(key) is not { } list)
            yield break;
        foreach (var item in list.Items)
        {
            switch (item)
            {
                case ScalarNode s:
                    yield return s.Value;
                    break;
                case MappingNode m:
                    m.ValidateKeys(new[] { "kind", "allow-deprecated" });
                    yield return m.GetString("kind");
                    break;
                default:
                    throw new LoadException(ErrorReason.InvalidData, item.Provenance, $"Plugin {key} must be names");
            }
        }
    }

    /// <summary>A local plugin's default YAML (<c>path/kind.yaml</c>), when the project ships one.</summary>
    private static string LocalDefaults(Project project, MappingNode entry, string origin, string kind)
    {
        if (origin != "local")
            return "";
        var file = Path.Combine(project.Directory, entry.GetString("path"), kind + ".yaml");
        return File.Exists(file) ? File.ReadAllText(file) : "";
    }
}
