using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>
/// Vendors a cargo2 git crate: the package directory found in the repository at the locked commit
/// (a workspace member anywhere in the tree), with its manifest flattened (see <see cref="CargoManifest"/>),
/// and a <c>.cargo-checksum.json</c> with no package checksum, as <c>cargo vendor</c> writes for git sources.
/// </summary>
internal static class CargoGitCrate
{
    /// <summary>Vendors <paramref name="crates"/>, all from <paramref name="mirror"/> at <paramref name="commit"/>, into <paramref name="vendor"/>.</summary>
    public static async Task StageAsync(GitMirror mirror, string commit, IReadOnlyList<CrateRef> crates, string vendor,
        CancellationToken cancellationToken)
    {
        var checkout = Path.Combine(Path.GetTempPath(), $"bgx-cargo-git-{Guid.NewGuid():N}");
        try
        {
            await GitCheckout.StageFilesAsync(mirror, commit, checkout, cancellationToken).ConfigureAwait(false);
            var packages = Packages(checkout);
            foreach (var crate in crates)
            {
                await VendorAsync(mirror, checkout, packages, crate, Path.Combine(vendor, $"{crate.Name}-{crate.Version}"), cancellationToken)
                    .ConfigureAwait(false);
            }
        }
        finally
        {
            if (Directory.Exists(checkout))
                Directory.Delete(checkout, recursive: true);
        }
    }

    private static async Task VendorAsync(GitMirror mirror, string checkout, IReadOnlyDictionary<string, string> packages, CrateRef crate,
        string target, CancellationToken cancellationToken)
    {
        var package = packages.GetValueOrDefault(crate.Name)
            ?? throw new SourceException(ErrorReason.InvalidData, mirror.At,
                $"{mirror.ElementName}: no Cargo.toml for the crate {crate.Name} in {crate.Repo} at {crate.Commit}",
                "The commit must hold a package of that name (its own repository or a workspace member).");
        var workspace = FindWorkspace(checkout, package);
        var manifest = await File.ReadAllTextAsync(Path.Combine(package, "Cargo.toml"), cancellationToken).ConfigureAwait(false);
        var flattened = workspace is null ? manifest
            : CargoManifest.Flatten(manifest, await File.ReadAllTextAsync(workspace, cancellationToken).ConfigureAwait(false),
                $"{crate.Name} {crate.Version}", mirror.At);
        CopyDirectory(package, target);
        await File.WriteAllTextAsync(Path.Combine(target, "Cargo.toml"), flattened, cancellationToken).ConfigureAwait(false);
        var checksum = new JsonObject { ["files"] = new JsonObject(), ["package"] = null };
        await File.WriteAllTextAsync(Path.Combine(target, ".cargo-checksum.json"), checksum.ToJsonString(), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Each package of the checkout (name → directory); where a name repeats, the shallowest wins.</summary>
    private static Dictionary<string, string> Packages(string root)
    {
        var manifests = Directory.EnumerateFiles(root, "Cargo.toml", SearchOption.AllDirectories)
            .Where(m => !Path.GetRelativePath(root, m).Split('/').Any(part => part is ".git" or "target"))
            .OrderBy(m => m.Count(c => c == '/'))
            .ThenBy(m => m, StringComparer.Ordinal);
        var packages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var manifest in manifests)
        {
            if (CargoManifest.PackageName(File.ReadAllText(manifest)) is { } name)
                packages.TryAdd(name, Path.GetDirectoryName(manifest)!);
        }
        return packages;
    }

    /// <summary>The nearest Cargo.toml above (or at) <paramref name="package"/> with a <c>[workspace]</c> table.</summary>
    private static string? FindWorkspace(string root, string package)
    {
        for (var directory = package; directory.Length >= root.Length; directory = Path.GetDirectoryName(directory)!)
        {
            var manifest = Path.Combine(directory, "Cargo.toml");
            if (File.Exists(manifest) && CargoManifest.HasWorkspace(File.ReadAllText(manifest)))
                return manifest;
            if (directory == root)
                break;
        }
        return null;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var destination = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is { } link)
                File.CreateSymbolicLink(destination, link);
            else if (entry is DirectoryInfo directory)
                CopyDirectory(directory.FullName, destination);
            else
                File.Copy(entry.FullName, destination);
        }
    }
}
