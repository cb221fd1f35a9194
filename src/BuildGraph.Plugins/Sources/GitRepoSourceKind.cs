using System.Text.RegularExpressions;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary><c>git_repo</c> (community): a shallow checkout with a real .git, tracked by glob.</summary>
internal sealed partial class GitRepoSourceKind : ISourceKind
{
    public string Name => "git_repo";

    public SourceTraits Traits => SourceTraits.None;

    public ISource Configure(MappingNode config, ISourceContext context)
    {
        config.ValidateKeys(["ref", "url", "track", "exclude", "ref-format", "version", "version-guess-pattern"]);
        var gitRef = ConfigValues.OptionalScalar(config, "ref");
        if (gitRef is not null && !RefPattern().IsMatch(gitRef.Value))
            throw new LoadException(ErrorReason.InvalidSourceRef, gitRef.Provenance,
                $"ref {gitRef.Value} is not in the expected format",
                "Expected a full 40-character commit sha, optionally led by a git-describe prefix (<tag>-<n>-g).");
        var url = ConfigValues.RequiredScalar(config, "url");
        context.TranslateUrl(url.Value, url.Provenance);
        return new GitRepoSource(
            url.Value,
            gitRef,
            ConfigValues.OptionalScalar(config, "track")?.Value,
            ConfigValues.StringList(config, "exclude"),
            ConfigValues.Enum(config, "ref-format", "sha1", "sha1", "git-describe"),
            VersionHint.Read(config),
            context);
    }

    /// <summary><c>(&lt;tag&gt;-&lt;n&gt;-g)?&lt;40 hex&gt;</c>, the whole string.</summary>
    [GeneratedRegex("^(?:.+-[0-9]+-g)?[0-9a-f]{40}$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    internal static partial Regex RefPattern();
}
