using BuildGraph.Yaml;

namespace BuildGraph.Abstractions;

/// <summary>What an element kind may see of the element being configured. Read-only.</summary>
public interface IElementContext
{
    /// <summary>Full name, with junction prefix (<c>sub.bst:app.bst</c>).</summary>
    string ElementName { get; }

    /// <summary>The element file, for errors about the element as a whole.</summary>
    Provenance Provenance { get; }

    string ProjectName { get; }

    IReadOnlyList<DependencyDeclaration> Dependencies { get; }

    int SourceCount { get; }

    /// <summary>A resolved variable, or null when the element defines none by that name.</summary>
    string? GetVariable(string name);

    /// <summary>Reports a warning; fatal when the project lists <paramref name="token"/> in fatal-warnings.</summary>
    void Warn(string token, Provenance at, string message);
}
