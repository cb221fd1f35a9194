using BuildGraph.Abstractions;
using BuildGraph.Plugins.Elements;
using BuildGraph.Plugins.Sources;

namespace BuildGraph.Plugins;

/// <summary>
/// <see cref="IPluginCatalog"/> over <see cref="BuiltinKinds"/>, with <see cref="OpaqueElementKind"/>
/// and <see cref="OpaqueSourceKind"/> for declared kinds bgx does not implement. Thread-safe.
/// </summary>
public sealed class BuiltinPluginCatalog : IPluginCatalog
{
    public static BuiltinPluginCatalog Instance { get; } = new();

    public IElementKind? TryGetElementKind(string name) => BuiltinKinds.Elements.GetValueOrDefault(name);

    public ISourceKind? TryGetSourceKind(string name) => BuiltinKinds.Sources.GetValueOrDefault(name);

    public bool IsCoreElementKind(string name) => BuiltinKinds.CoreElements.Contains(name);

    public bool IsCoreSourceKind(string name) => BuiltinKinds.CoreSources.Contains(name);

    public IElementKind CreateOpaqueElementKind(string name, string origin, string defaultYaml) =>
        new OpaqueElementKind(name, origin, defaultYaml);

    public ISourceKind CreateOpaqueSourceKind(string name, string origin) => new OpaqueSourceKind(name, origin);
}
