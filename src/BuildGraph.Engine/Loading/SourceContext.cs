using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Loading;

internal sealed class SourceContext(Project project, string elementName, Provenance provenance, Warnings warnings, ContentDigests digests) : ISourceContext
{
    private static readonly string[] NotAliases = { "http", "https", "ftp", "file", "git", "sftp", "ssh" };

    public string ElementName => elementName;
    public Provenance Provenance => provenance;
    public string ProjectDirectory => project.Directory;

    public string TranslateUrl(string url, Provenance at)
    {
        var colon = url.IndexOf(':');
        if (colon < 0)
            return url;
        var alias = url[..colon];
        if (NotAliases.Contains(alias))
        {
            warnings.Report(project, "unaliased-url", at, $"URL '{url}' does not use an alias");
            return url;
        }
        var target = project.Aliases.TryGetString(alias)
            ?? throw new LoadException(ErrorReason.InvalidData, at,
                $"URL '{url}' uses the alias '{alias}', which the project does not declare",
                "Declare it under aliases: in project.conf.");
        return target + url[(colon + 1)..];
    }

    public string DigestProjectPath(string relativePath, Provenance at) => digests.DigestProjectPath(project, relativePath, at);

    public void Warn(string token, Provenance at, string message) => warnings.Report(project, token, at, message);
}
