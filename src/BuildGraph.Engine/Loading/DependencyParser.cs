using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Loading;

/// <summary>Reads <c>depends</c>, <c>build-depends</c> and <c>runtime-depends</c> in both forms.</summary>
internal static class DependencyParser
{
    private static readonly string[] KeysWithType = { "filename", "type", "junction", "strict", "config" };
    private static readonly string[] KeysWithoutType = { "filename", "junction", "strict", "config" };

    public static List<DependencySpec> Parse(MappingNode element)
    {
        var result = new List<DependencySpec>();
        ParseList(element, "build-depends", DependencyType.Build, result);
        ParseList(element, "runtime-depends", DependencyType.Runtime, result);
        ParseList(element, "depends", null, result);
        return result;
    }

    private static void ParseList(MappingNode element, string key, DependencyType? impliedType, List<DependencySpec> result)
    {
        var list = element.TryGetSequence(key);
        if (list is null)
            return;
        foreach (var item in list.Items)
        {
            switch (item)
            {
                case ScalarNode scalar:
                    result.Add(Split(scalar.Value, null, impliedType ?? DependencyType.All, false, null, scalar.Provenance));
                    break;
                case MappingNode mapping:
                    ParseMapping(mapping, impliedType, result);
                    break;
                default:
                    throw new LoadException(ErrorReason.InvalidData, item.Provenance,
                        "Dependency is not specified as a string or a dictionary");
            }
        }
    }

    private static void ParseMapping(MappingNode dep, DependencyType? impliedType, List<DependencySpec> result)
    {
        dep.ValidateKeys(impliedType is null ? KeysWithType : KeysWithoutType);
        var type = impliedType ?? DependencyType.All;
        if (impliedType is null && dep.TryGetString("type") is { } typeName)
        {
            type = typeName switch
            {
                "build" => DependencyType.Build,
                "runtime" => DependencyType.Runtime,
                "all" => DependencyType.All,
                _ => throw new LoadException(ErrorReason.InvalidData, dep["type"]!.Provenance,
                    $"Invalid dependency type '{typeName}'", "Use build, runtime or all."),
            };
        }
        var strict = false;
        if (dep["strict"] is ScalarNode strictNode)
        {
            strict = strictNode.AsBool();
            if (!strict)
                throw new LoadException(ErrorReason.InvalidData, strictNode.Provenance,
                    "Setting 'strict' to False is unsupported", "Remove the key: dependencies are not strict by default.");
        }
        var config = dep.TryGetMapping("config");
        if (type == DependencyType.Runtime && strict)
            throw new LoadException(ErrorReason.InvalidData, dep["strict"]!.Provenance,
                "Setting 'strict' for runtime-only dependencies is unsupported");
        if (type == DependencyType.Runtime && config is not null)
            throw new LoadException(ErrorReason.InvalidData, dep["config"]!.Provenance,
                "Specifying 'config' for runtime-only dependencies is unsupported");
        var junction = dep.TryGetString("junction");
        var filenameNode = dep["filename"] ?? throw new LoadException(ErrorReason.MissingKey, dep.Provenance,
            "Dependency dictionary has no 'filename'");
        var filenames = filenameNode switch
        {
            ScalarNode s => new List<ScalarNode> { s },
            SequenceNode seq => seq.Items.Select(i => i as ScalarNode ?? throw new LoadException(ErrorReason.InvalidData,
                i.Provenance, "Dependency filenames must be strings")).ToList(),
            _ => throw new LoadException(ErrorReason.InvalidData, filenameNode.Provenance, "'filename' must be a string or a list"),
        };
        foreach (var filename in filenames)
        {
            if (junction is not null && filename.Value.Contains(':'))
                throw new LoadException(ErrorReason.InvalidData, filename.Provenance,
                    "'filename' cannot contain ':' when 'junction' is given",
                    "Write either junction: j.bst with filename: el.bst, or filename: j.bst:el.bst.");
            result.Add(Split(filename.Value, junction, type, strict, config, filename.Provenance));
        }
    }

    private static DependencySpec Split(string name, string? junction, DependencyType type, bool strict, MappingNode? config, Provenance at)
    {
        if (name.Length == 0)
            throw new LoadException(ErrorReason.InvalidData, at, "Empty dependency name");
        if (junction is null)
        {
            var colon = name.LastIndexOf(':');
            if (colon >= 0)
            {
                junction = name[..colon];
                name = name[(colon + 1)..];
            }
        }
        return new DependencySpec(name, junction, type, strict, config, at);
    }
}
