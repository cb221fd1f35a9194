using System.Text;
using BuildGraph.Engine.Graph;

namespace BuildGraph.Engine.Artifacts;

/// <summary>BuildStream's artifact names: <c>project/normal-name/key</c>.</summary>
public static class ArtifactNames
{
    /// <summary>The element path with '/' as '-', '.bst' removed and other unsafe characters as '_'.</summary>
    public static string NormalName(string elementName)
    {
        var name = elementName.EndsWith(".bst", StringComparison.Ordinal) ? elementName[..^4] : elementName;
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c == '/')
                sb.Append('-');
            else if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '+' or '@')
                sb.Append(c);
            else
                sb.Append('_');
        }
        return sb.ToString();
    }

    public static string Of(Element element, string key) => $"{element.Project.Name}/{NormalName(element.Name)}/{key}";
}
