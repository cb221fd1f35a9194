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
}
