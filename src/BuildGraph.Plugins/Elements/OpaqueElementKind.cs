using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Elements;

/// <summary>
/// A stand-in for an element kind a project declares (local, pip or junction plugin) that bgx does
/// not implement. It accepts any configuration so the project loads, shows and computes keys (the
/// whole config is the key); building such an element must fail with <see cref="UnsupportedMessage"/>.
/// Thread-safe and immutable.
/// </summary>
public sealed class OpaqueElementKind : IElementKind
{
    /// <param name="name">The kind as elements name it.</param>
    /// <param name="origin">Where the project declares it from, e.g. "local plugin plugins/elements/foo.py".</param>
    /// <param name="defaultYaml">The plugin's default YAML when bgx can read it, else empty.</param>
    public OpaqueElementKind(string name, string origin, string defaultYaml)
    {
        Name = name;
        Origin = origin;
        DefaultYaml = defaultYaml;
    }

    public string Name { get; }

    /// <summary>The declaration's origin, for messages.</summary>
    public string Origin { get; }

    public int Version => 0;

    /// <summary>BuildStream's default for plugins: they run commands, so environment and sandbox enter keys.</summary>
    public ElementTraits Traits => ElementTraits.RunsCommands | ElementTraits.Opaque;

    public string DefaultYaml { get; }

    /// <summary>Why an element of this kind cannot be built, naming the kind and its origin.</summary>
    public string UnsupportedMessage =>
        $"Element kind '{Name}' ({Origin}) is not implemented by bgx: its elements load and show but cannot be built";

    public IElement Configure(MappingNode config, IElementContext context) =>
        new OpaqueElement(Name, Origin, NodeJson.From(config));
}
