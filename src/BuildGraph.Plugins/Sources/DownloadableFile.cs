using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>
/// What tar and remote share: a <c>url</c>, a <c>ref</c> (the file's sha256) and a version hint, and
/// the download cache entry <c>&lt;sourcedir&gt;/&lt;kind&gt;/&lt;sha256&gt;</c> that fetching fills.
/// </summary>
internal sealed record DownloadableFile(string Kind, string Url, string TranslatedUrl, ScalarNode? Ref, VersionHint Version,
    ISourceContext Context)
{
    public static readonly string[] Keys = ["url", "ref", "version-guess-pattern", "version"];

    public static DownloadableFile Read(string kind, MappingNode config, ISourceContext context)
    {
        var url = ConfigValues.RequiredScalar(config, "url");
        var translated = context.TranslateUrl(url.Value, url.Provenance);
        return new DownloadableFile(kind, url.Value, translated, ConfigValues.OptionalScalar(config, "ref"), VersionHint.Read(config), context);
    }

    /// <summary><c>[url, ref, version-or-pattern?]</c>; kinds append their own fields.</summary>
    public JsonArray KeyPrefix()
    {
        var key = new JsonArray { Url, Ref?.Value };
        Version.AppendTo(key);
        return key;
    }

    private string CacheDirectory => Path.Combine(Context.SourceDirectory, Kind);

    private Provenance At => Ref?.Provenance ?? Context.Provenance;

    /// <summary>The ref when it is a sha256 (the only thing it can pin), lowercased; null otherwise.</summary>
    private string? Sha => Ref is { } r && r.Value.Length == 64 && r.Value.All(char.IsAsciiHexDigit) ? r.Value.ToLowerInvariant() : null;

    /// <summary>The cached file for the ref, or null without a (well-formed) ref.</summary>
    public string? CachedPath => Sha is { } sha ? Path.Combine(CacheDirectory, sha) : null;

    public bool IsFetched => CachedPath is { } path && File.Exists(path);

    public async Task FetchAsync(CancellationToken cancellationToken)
    {
        var sha = RequireSha();
        if (IsFetched)
            return;
        await new Downloader(Context).FetchAsync(Url, At, CacheDirectory, "", sha, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The cached file, or an error saying it must be fetched first.</summary>
    public string RequireCached()
    {
        var sha = RequireSha();
        return IsFetched ? CachedPath! : throw new SourceException(ErrorReason.MissingFile, At,
            $"{Context.ElementName}: {Url} (sha256 {sha}) is not in the download cache",
            "Fetch it first (bgx source fetch); staging never uses the network.");
    }

    /// <summary>Downloads the alias URL, keeps the file, and returns its sha256 as the new ref (warning when it changed).</summary>
    public async Task<SourceTrackResult> TrackAsync(CancellationToken cancellationToken)
    {
        var sha = await new Downloader(Context).TrackAsync(Url, At, CacheDirectory, "", cancellationToken).ConfigureAwait(false);
        if (Ref is not null && !string.Equals(Ref.Value, sha, StringComparison.OrdinalIgnoreCase))
            Context.Warn("ref-changed", At,
                $"{Url} changed upstream: sha256 {Ref.Value} is now {sha}. Check that the new file is legitimate.");
        return new SourceTrackResult(new ScalarNode(sha, At), []);
    }

    private string RequireSha()
    {
        if (Ref is null)
            throw Unresolved();
        return Sha ?? throw new SourceException(ErrorReason.InvalidSourceRef, Ref.Provenance,
            $"{Context.ElementName}: the ref of the {Kind} source {Url} is not a sha256", "Expected 64 hexadecimal digits.");
    }

    private SourceException Unresolved() => new(ErrorReason.MissingKey, Context.Provenance,
        $"{Context.ElementName}: the {Kind} source {Url} has no ref", "Track it (bgx source track) or set ref: to the file's sha256.");
}
