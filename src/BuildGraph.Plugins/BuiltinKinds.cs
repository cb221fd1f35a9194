using System.Collections.Frozen;
using BuildGraph.Abstractions;
using BuildGraph.Plugins.Elements;
using BuildGraph.Plugins.Sources;

namespace BuildGraph.Plugins;

/// <summary>
/// The element and source kinds bgx implements, by name, and the package each comes from in
/// BuildStream: core kinds need no <c>plugins:</c> declaration, the others must be declared
/// (from any origin) before elements may use them. Thread-safe; every kind is stateless.
/// </summary>
public static class BuiltinKinds
{
    /// <summary>BuildStream itself: usable without a plugins declaration.</summary>
    public const string CorePackage = "buildstream";

    /// <summary>apache/buildstream-plugins (make, autotools, cmake, meson, git, patch).</summary>
    public const string PluginsPackage = "buildstream-plugins";

    /// <summary>buildstream-plugins-community (git_repo, cargo2, patch_queue).</summary>
    public const string CommunityPackage = "buildstream-plugins-community";

    /// <summary>Kinds of bgx's own (the cargo element).</summary>
    public const string BgxPackage = "bgx";

    private static readonly (IElementKind Kind, string Package)[] ElementTable =
    [
        (new BuildElementKind("manual"), CorePackage),
        (new ImportElementKind(), CorePackage),
        (new StackElementKind(), CorePackage),
        (new ComposeElementKind(), CorePackage),
        (new FilterElementKind(), CorePackage),
        (new ScriptElementKind(), CorePackage),
        (new JunctionElementKind(), CorePackage),
        (new LinkElementKind(), CorePackage),
        (new BuildElementKind("make"), PluginsPackage),
        (new BuildElementKind("autotools"), PluginsPackage),
        (new BuildElementKind("cmake"), PluginsPackage),
        (new BuildElementKind("meson"), PluginsPackage),
        (new BuildElementKind("cargo"), BgxPackage),
    ];

    private static readonly (ISourceKind Kind, string Package)[] SourceTable =
    [
        (new LocalSourceKind(), CorePackage),
        (new TarSourceKind(), CorePackage),
        (new RemoteSourceKind(), CorePackage),
        (new GitSourceKind(), PluginsPackage),
        (new PatchSourceKind(), PluginsPackage),
        (new GitRepoSourceKind(), CommunityPackage),
        (new Cargo2SourceKind(), CommunityPackage),
        (new PatchQueueSourceKind(), CommunityPackage),
    ];

    public static IReadOnlyDictionary<string, IElementKind> Elements { get; } =
        ElementTable.ToFrozenDictionary(e => e.Kind.Name, e => e.Kind, StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, ISourceKind> Sources { get; } =
        SourceTable.ToFrozenDictionary(s => s.Kind.Name, s => s.Kind, StringComparer.Ordinal);

    /// <summary>Element kind → the package that provides it (<see cref="CorePackage"/> etc.).</summary>
    public static IReadOnlyDictionary<string, string> ElementPackages { get; } =
        ElementTable.ToFrozenDictionary(e => e.Kind.Name, e => e.Package, StringComparer.Ordinal);

    /// <summary>Source kind → the package that provides it.</summary>
    public static IReadOnlyDictionary<string, string> SourcePackages { get; } =
        SourceTable.ToFrozenDictionary(s => s.Kind.Name, s => s.Package, StringComparer.Ordinal);

    /// <summary>Element kinds usable without a plugins declaration.</summary>
    public static IReadOnlySet<string> CoreElements { get; } =
        ElementTable.Where(e => e.Package == CorePackage).Select(e => e.Kind.Name).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Source kinds usable without a plugins declaration.</summary>
    public static IReadOnlySet<string> CoreSources { get; } =
        SourceTable.Where(s => s.Package == CorePackage).Select(s => s.Kind.Name).ToFrozenSet(StringComparer.Ordinal);
}
