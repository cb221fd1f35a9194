using BuildGraph.Yaml;

namespace BuildGraph.Engine.Options;

/// <summary>
/// An <c>os</c> option: the default is the host's <c>uname -s</c>, which <see cref="Resolve"/>
/// rejects unless listed or overridden.
/// </summary>
internal sealed class OsOption : EnumOption
{
    public OsOption(string name, MappingNode definition, HostPlatform host) : base(name, definition, allowDefault: false)
    {
        Current = host.Os;
        CurrentAt = DeclaredAt;
    }

    public override string TypeName => "os";

    public override void Resolve() => Validate(Current, CurrentAt);
}
