using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>
/// What tar and remote share: a <c>url</c>, a <c>ref</c> (the file's sha256) and a version hint.
/// </summary>
internal sealed record DownloadableFile(string Url, string TranslatedUrl, ScalarNode? Ref, VersionHint Version)
{
    public static readonly string[] Keys = ["url", "ref", "version-guess-pattern", "version"];

    public static DownloadableFile Read(MappingNode config, ISourceContext context)
    {
        var url = ConfigValues.RequiredScalar(config, "url");
        var translated = context.TranslateUrl(url.Value, url.Provenance);
        return new DownloadableFile(url.Value, translated, ConfigValues.OptionalScalar(config, "ref"), VersionHint.Read(config));
    }

    /// <summary><c>[url, ref, version-or-pattern?]</c>; kinds append their own fields.</summary>
    public JsonArray KeyPrefix()
    {
        var key = new JsonArray { Url, Ref?.Value };
        Version.AppendTo(key);
        return key;
    }
}
