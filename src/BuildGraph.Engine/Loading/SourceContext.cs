using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Loading;

internal sealed class SourceContext(Project project, string elementName, Provenance provenance, Warnings warnings, ContentDigests digests,
    LoadContext load) : ISourceContext
{
    private static readonly HttpClient SharedHttp = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30), AutomaticDecompression = System.Net.DecompressionMethods.None })
    {
        Timeout = TimeSpan.FromMinutes(30),
    };

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

    public string SourceDirectory => load.UserConfig.SourceDirectory;

    public int NetworkRetries => load.UserConfig.NetworkRetries;

    public int Fetchers => Math.Max(1, load.UserConfig.Fetchers);

    public HttpClient Http => SharedHttp;

    public IReadOnlyList<string> FetchUrls(string url, Provenance at)
    {
        var colon = url.IndexOf(':');
        if (colon < 0 || NotAliases.Contains(url[..colon]))
            return new[] { url };
        var alias = url[..colon];
        var rest = url[(colon + 1)..];
        var result = new List<string>();
        foreach (var mirror in project.Mirrors.Items.OfType<MappingNode>())
        {
            if (mirror.TryGetMapping("aliases")?.TryGetSequence(alias) is { } prefixes)
                result.AddRange(prefixes.AsStrings().Select(prefix => prefix + rest));
        }
        result.Add(TranslateUrl(url, at));
        return result.Distinct().ToList();
    }
}
