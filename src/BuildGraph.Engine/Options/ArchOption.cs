using BuildGraph.Yaml;

namespace BuildGraph.Engine.Options;

/// <summary>
/// An <c>arch</c> option: every listed value must be a known architecture; the default is the first
/// value naming the host's architecture (in any spelling), else the host's canonical name, which
/// <see cref="Resolve"/> rejects unless the user overrode it.
/// </summary>
internal sealed class ArchOption : EnumOption
{
    public ArchOption(string name, MappingNode definition, HostPlatform host) : base(name, definition, allowDefault: false)
    {
        var items = definition.TryGetSequence("values")!.Items;
        string? hostValue = null;
        for (var i = 0; i < Values.Count; i++)
        {
            var canonical = HostPlatform.CanonicalizeArch(Values[i])
                ?? throw new LoadException(ErrorReason.InvalidOption, items[i].Provenance,
                    $"Invalid value for arch option '{name}': unknown architecture '{Values[i]}'");
            if (hostValue is null && canonical == host.Arch)
                hostValue = Values[i];
        }
        Current = hostValue ?? host.Arch;
        CurrentAt = DeclaredAt;
    }

    public override string TypeName => "arch";

    public override void Resolve() => Validate(Current, CurrentAt);
}
