using System.Text.Json.Nodes;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>
/// The <c>version</c> / <c>version-guess-pattern</c> pair that sources accept for source
/// provenance reports. Either one enters the key (the explicit version wins).
/// </summary>
internal sealed record VersionHint(string? Version, string? GuessPattern)
{
    public static VersionHint Read(MappingNode config) => new(
        ConfigValues.OptionalScalar(config, "version")?.Value,
        ConfigValues.OptionalScalar(config, "version-guess-pattern")?.Value);

    /// <summary>For list-shaped keys: appends the version, else the pattern, else nothing.</summary>
    public void AppendTo(JsonArray key)
    {
        if (Version is not null)
            key.Add(Version);
        else if (GuessPattern is not null)
            key.Add(GuessPattern);
    }

    /// <summary>For mapping-shaped keys: adds <c>version</c>, else <c>version-guess-pattern</c>.</summary>
    public void AddTo(JsonObject key)
    {
        if (Version is not null)
            key["version"] = Version;
        else if (GuessPattern is not null)
            key["version-guess-pattern"] = GuessPattern;
    }
}
