using BuildGraph.Yaml;

namespace BuildGraph.Engine.Remotes;

/// <summary>
/// The user configuration's <c>artifacts</c> or <c>source-caches</c> section:
/// <c>{override-project-caches: bool, servers: [spec…]}</c>, globally or per project.
/// </summary>
public sealed record RemoteCacheConfig(bool OverrideProjectCaches, IReadOnlyList<RemoteSpec> Servers)
{
    public static readonly RemoteCacheConfig Empty = new(false, []);

    public static RemoteCacheConfig FromNode(MappingNode? node)
    {
        if (node is null)
            return Empty;
        node.ValidateKeys(["override-project-caches", "servers"]);
        return new RemoteCacheConfig(node.GetBool("override-project-caches", false), Specs(node.TryGetSequence("servers"), null));
    }

    /// <summary>A list of spec mappings (project.conf's <c>artifacts</c>, or <c>servers</c>).</summary>
    public static IReadOnlyList<RemoteSpec> Specs(SequenceNode? list, string? baseDirectory)
    {
        if (list is null)
            return [];
        return list.Items.Select(item => item is MappingNode mapping
            ? RemoteSpec.FromNode(mapping, baseDirectory)
            : throw new LoadException(ErrorReason.InvalidData, item.Provenance, $"A remote cache must be a dictionary (found a {item.TypeName})"))
            .ToList();
    }
}
