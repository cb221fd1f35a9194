using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>
/// Writes the cargo2 source block for a new element from a Cargo.lock on disk (<c>bgx cargo2 generate</c>):
/// the same ref tracking would compute, without needing a project.
/// </summary>
public static class Cargo2Generator
{
    /// <summary>The block as YAML: a one-item <c>sources</c> list holding the cargo2 source.</summary>
    /// <param name="lockPath">The Cargo.lock to read.</param>
    /// <param name="url">The <c>url</c> key to write (an alias such as <c>crates:crates</c>), or null for the default.</param>
    /// <param name="cargoLock">The <c>cargo-lock</c> key (the lock's path in the element's sources), or null for <c>Cargo.lock</c>.</param>
    /// <param name="vendorDir">The <c>vendor-dir</c> key, or null for the default.</param>
    /// <exception cref="SourceException">The lock is missing or malformed, or a registry package has no checksum.</exception>
    public static string SourceYaml(string lockPath, string? url, string? cargoLock, string? vendorDir)
    {
        if (!File.Exists(lockPath))
            throw new SourceException(ErrorReason.MissingFile, null, $"{lockPath} does not exist");
        var at = Provenance.Unknown(lockPath);
        var crates = CargoLockRefs.Read(File.ReadAllText(lockPath), lockPath, at);
        var source = new MappingNode(at);
        source.Set("kind", new ScalarNode("cargo2", at));
        if (url is not null)
            source.Set("url", new ScalarNode(url, at));
        if (cargoLock is not null && cargoLock != "Cargo.lock")
            source.Set("cargo-lock", new ScalarNode(cargoLock, at));
        if (vendorDir is not null)
            source.Set("vendor-dir", new ScalarNode(vendorDir, at));
        source.Set("ref", CargoLockRefs.ToNode(crates, at));
        var list = new SequenceNode(at);
        list.Items.Add(source);
        return YamlWriter.Write(list);
    }
}
