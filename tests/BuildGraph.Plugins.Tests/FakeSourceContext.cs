using System.Security.Cryptography;
using System.Text;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests;

/// <summary>
/// A source context with a fixed alias table. Digests are the sha256 of a file's content when the
/// file exists under <see cref="ProjectDirectory"/>, else of the path's text.
/// </summary>
internal sealed class FakeSourceContext : ISourceContext
{
    private static readonly string[] NotAliases = ["http", "https", "ftp", "file", "git", "sftp", "ssh"];

    public string ElementName { get; init; } = "x.bst";

    public Provenance Provenance { get; init; } = Provenance.Unknown(KindTest.File);

    public string ProjectDirectory { get; init; } = "/nonexistent/project";

    public Dictionary<string, string> Aliases { get; } = new(StringComparer.Ordinal)
    {
        ["github"] = "https://github.com/",
        ["crates"] = "https://static.crates.io/crates/",
        ["files"] = "https://files.example/downloads/",
    };

    public List<(string Url, Provenance At)> Translated { get; } = new();

    public List<string> Digested { get; } = new();

    public string TranslateUrl(string url, Provenance at)
    {
        Translated.Add((url, at));
        var colon = url.IndexOf(':');
        if (colon < 0 || NotAliases.Contains(url[..colon]))
            return url;
        if (!Aliases.TryGetValue(url[..colon], out var prefix))
            throw new LoadException(ErrorReason.InvalidData, at, $"Undeclared alias in {url}");
        return prefix + url[(colon + 1)..];
    }

    public string DigestProjectPath(string relativePath, Provenance at)
    {
        Digested.Add(relativePath);
        var full = Path.Combine(ProjectDirectory, relativePath);
        var bytes = File.Exists(full) ? File.ReadAllBytes(full) : Encoding.UTF8.GetBytes(relativePath);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    public List<(string Token, string Message)> Warnings { get; } = new();

    public void Warn(string token, Provenance at, string message) => Warnings.Add((token, message));

    public string SourceDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "bgx-fake-sources");

    public int NetworkRetries { get; init; } = 0;

    public int Fetchers { get; init; } = 8;

    public HttpClient Http { get; } = new();

    /// <summary>Mirror prefixes per alias, tried before the alias itself (as project mirrors are).</summary>
    public Dictionary<string, List<string>> Mirrors { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> FetchUrls(string url, Provenance at)
    {
        var colon = url.IndexOf(':');
        var result = new List<string>();
        if (colon > 0 && Mirrors.TryGetValue(url[..colon], out var prefixes))
            result.AddRange(prefixes.Select(prefix => prefix + url[(colon + 1)..]));
        result.Add(TranslateUrl(url, at));
        return result;
    }
}
