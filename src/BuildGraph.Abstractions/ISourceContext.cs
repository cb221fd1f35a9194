using BuildGraph.Yaml;

namespace BuildGraph.Abstractions;

/// <summary>What a source kind may see while configured. Read-only.</summary>
public interface ISourceContext
{
    string ElementName { get; }

    /// <summary>The source mapping in the element file.</summary>
    Provenance Provenance { get; }

    /// <summary>Absolute directory of the project the element belongs to.</summary>
    string ProjectDirectory { get; }

    /// <summary>
    /// Checks <paramref name="url"/>'s alias (undeclared alias: error at <paramref name="at"/>) and returns
    /// the translated URL. Keys must use the untranslated URL.
    /// </summary>
    string TranslateUrl(string url, Provenance at);

    /// <summary>Content digest (hex) of a file or directory inside the project, for local sources.</summary>
    string DigestProjectPath(string relativePath, Provenance at);

    void Warn(string token, Provenance at, string message);

    /// <summary>
    /// Root of bgx's download caches (user config <c>sourcedir</c>): a source keeps what it fetches
    /// under <c>SourceDirectory/&lt;kind&gt;/…</c> (git mirrors, tarballs, crates), written atomically.
    /// </summary>
    string SourceDirectory { get; }

    /// <summary>
    /// Where to fetch <paramref name="url"/> (as written, alias and all) from, in order: the project's and
    /// user's mirrors for its alias, then the alias itself. Tracking uses only the last one.
    /// </summary>
    IReadOnlyList<string> FetchUrls(string url, Provenance at);

    /// <summary>How many times a transient network failure is retried (user config <c>scheduler: network-retries</c>).</summary>
    int NetworkRetries { get; }

    /// <summary>How many downloads one source may run at once (user config <c>scheduler: fetchers</c>).</summary>
    int Fetchers { get; }

    /// <summary>A shared HTTP client for downloads. Thread-safe.</summary>
    HttpClient Http { get; }
}
