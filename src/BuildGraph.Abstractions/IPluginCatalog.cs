namespace BuildGraph.Abstractions;

/// <summary>The element and source kinds bgx implements, as the engine looks them up by name.</summary>
public interface IPluginCatalog
{
    IElementKind? TryGetElementKind(string name);

    ISourceKind? TryGetSourceKind(string name);

    /// <summary>True for kinds BuildStream provides without a <c>plugins:</c> declaration.</summary>
    bool IsCoreElementKind(string name);

    bool IsCoreSourceKind(string name);

    /// <summary>A stand-in for a declared kind bgx does not implement: loads and shows, cannot build.</summary>
    IElementKind CreateOpaqueElementKind(string name, string origin, string defaultYaml);

    ISourceKind CreateOpaqueSourceKind(string name, string origin);
}
