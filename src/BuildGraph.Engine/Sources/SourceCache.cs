using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Engine.Artifacts;
using BuildGraph.Engine.Building;
using BuildGraph.Engine.Graph;
using BuildGraph.Engine.Keys;
using BuildGraph.Yaml;
using Google.Protobuf;
using SourceMessage = BuildGraph.Protos.BuildStream.Source;

namespace BuildGraph.Engine.Sources;

/// <summary>
/// The source cache: each element's sources, staged in order, stored as one tree in the CAS under the
/// key of those sources (<c>&lt;cachedir&gt;/sources/refs/project/element/key</c>). Fetching fills it; builds
/// stage from it and never touch the network. Project-local sources (local, patch) need no fetch.
/// </summary>
public sealed class SourceCache(string cacheDirectory, ITreeStore cas)
{
    private readonly string _refs = Path.Combine(cacheDirectory, "sources", "refs");

    /// <summary>
    /// The key of an element's sources as a whole, or null when one has no ref: BuildStream 2's element
    /// sources key (sha256 of <c>[{key, name, directory?}…]</c>), so the source URNs match its own.
    /// </summary>
    public static string? KeyOf(Element element)
    {
        if (element.Sources.Any(s => !s.Source.IsResolved))
            return null;
        var list = new JsonArray(element.Sources.Select(s =>
        {
            var entry = new JsonObject { ["key"] = s.Source.GetUniqueKey().DeepClone(), ["name"] = s.Kind };
            if (s.Directory is not null)
                entry["directory"] = s.Directory;
            return (JsonNode?)entry;
        }).ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson.Serialize(list))));
    }

    /// <summary>True when building needs no download: sources cached, or all of them project-local.</summary>
    public bool IsAvailable(Element element) =>
        element.Sources.Count == 0 || AllLocal(element) || RefPath(element) is { } path && File.Exists(path);

    /// <summary>True when the source cache holds the element's staged sources.</summary>
    public bool Contains(Element element) => RefPath(element) is { } path && File.Exists(path);

    /// <summary>True when the element's sources are all project-local: nothing to cache, pull or push.</summary>
    public static bool IsProjectLocal(Element element) => element.Sources.Count == 0 || AllLocal(element);

    /// <summary>The cached record of the element's staged sources, or null when they are not cached.</summary>
    public SourceMessage? TryGetMessage(Element element)
    {
        if (RefPath(element) is not { } path)
            return null;
        try
        {
            return SourceMessage.Parser.ParseFrom(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Records the element's staged sources (pulled from a remote); their tree must already be in the CAS.</summary>
    public async Task CommitAsync(Element element, SourceMessage message, CancellationToken cancellationToken)
    {
        var path = RefPath(element) ?? throw new InvalidOperationException($"{element.FullName} has unresolved sources");
        await BuildGraph.Cas.AtomicFile.WriteAllBytesAsync(path, message.ToByteArray(), cancellationToken).ConfigureAwait(false);
    }

    private static bool AllLocal(Element element) =>
        element.Sources.All(s => (s.KindImpl.Traits & SourceTraits.ProjectLocal) != 0);

    private string? RefPath(Element element) =>
        KeyOf(element) is { } key ? Path.Combine(_refs, element.Project.Name, ArtifactNames.NormalName(element.Name), key) : null;

    /// <summary>Downloads what is missing and stores the staged sources; does nothing when already cached.</summary>
    public async Task FetchAsync(Element element, string scratchRoot, CancellationToken cancellationToken)
    {
        if (element.Sources.Count == 0 || AllLocal(element) || Contains(element))
            return; // project-local sources are staged straight from the project
        var path = RefPath(element) ?? throw new SourceException(ErrorReason.MissingKey, element.Provenance,
            $"{element.FullName} has a source without a ref", "Track it first (bgx source track), or set a ref.");
        foreach (var source in element.Sources)
        {
            if (!source.Source.IsFetched)
                await Wrap(source, () => source.Source.FetchAsync(cancellationToken)).ConfigureAwait(false);
        }
        using var scratch = ScratchDirectory.Create(scratchRoot, "sources");
        var staged = Path.Combine(scratch.Path, "staged");
        await StageFromSourcesAsync(element, staged, cancellationToken).ConfigureAwait(false);
        var files = await cas.ImportDirectoryAsync(staged, cancellationToken).ConfigureAwait(false);
        var message = new SourceMessage { Version = 1, Files = files.ToProto() };
        await BuildGraph.Cas.AtomicFile.WriteAllBytesAsync(path, message.ToByteArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stages the element's sources into <paramref name="directory"/>, offline.</summary>
    public async Task StageAsync(Element element, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        if (element.Sources.Count == 0)
            return;
        if (RefPath(element) is { } path && File.Exists(path))
        {
            var message = SourceMessage.Parser.ParseFrom(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
            await cas.CheckoutAsync(message.Files.ToDigest(), directory, useHardlinks: false, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (!AllLocal(element))
            throw new SourceException(ErrorReason.MissingFile, element.Provenance,
                $"The sources of {element.FullName} are not fetched", $"Run 'bgx source fetch {element.FullName}' (the only step that uses the network).");
        await StageFromSourcesAsync(element, directory, cancellationToken).ConfigureAwait(false);
    }

    private static async Task StageFromSourcesAsync(Element element, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        foreach (var source in element.Sources)
        {
            var target = source.Directory is { } sub ? Path.Combine(directory, sub.Trim('/')) : directory;
            Directory.CreateDirectory(target);
            await Wrap(source, () => source.Source.StageAsync(target, cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>Gives source errors the source's provenance when the plugin did not set one.</summary>
    private static async Task Wrap(SourceInstance source, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (SourceException e) when (e.Provenance is null)
        {
            throw new SourceException(e.Reason, source.Provenance, e.Message, e.Detail, e.IsTransient, e);
        }
    }
}
