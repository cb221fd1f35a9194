using BuildGraph.Abstractions;
using BuildGraph.Plugins;

namespace BuildGraph.Engine.Tests.Tracking;

/// <summary>The built-in kinds plus <see cref="LockReaderSourceKind"/>, as a core source kind.</summary>
internal sealed class TrackingCatalog : IPluginCatalog
{
    private static readonly LockReaderSourceKind LockReader = new();
    private readonly BuiltinPluginCatalog _builtin = BuiltinPluginCatalog.Instance;

    public IElementKind? TryGetElementKind(string name) => _builtin.TryGetElementKind(name);

    public ISourceKind? TryGetSourceKind(string name) => name == LockReader.Name ? LockReader : _builtin.TryGetSourceKind(name);

    public bool IsCoreElementKind(string name) => _builtin.IsCoreElementKind(name);

    public bool IsCoreSourceKind(string name) => name == LockReader.Name || _builtin.IsCoreSourceKind(name);

    public IElementKind CreateOpaqueElementKind(string name, string origin, string defaultYaml) =>
        _builtin.CreateOpaqueElementKind(name, origin, defaultYaml);

    public ISourceKind CreateOpaqueSourceKind(string name, string origin) => _builtin.CreateOpaqueSourceKind(name, origin);
}
