using System.Text;
using System.Text.RegularExpressions;
using BuildGraph.Engine.Graph;
using BuildGraph.Yaml;

namespace BuildGraph.Cli.Rendering;

/// <summary>
/// Expands <c>bst show</c> format strings: <c>%{name}</c>, <c>%{state: &gt;12}</c> and the rest,
/// with YAML dumps for the mapping placeholders.
/// </summary>
internal sealed partial class ShowFormatter(string format, int keyLength, ICacheQuery cache)
{
    private readonly StateCalculator _states = new(cache);

    public string FormatAll(IEnumerable<Element> elements)
    {
        var text = string.Join("\n", elements.Select(Format));
        return text.TrimEnd('\n');
    }

    public string Format(Element element) =>
        Placeholder().Replace(format, match =>
        {
            var value = Value(element, match.Groups["name"].Value);
            return value is null ? match.Value : Pad(value, match.Groups["spec"].Value);
        });

    private string? Value(Element element, string name) => name switch
    {
        "name" => element.FullName,
        "kind" => element.KindName,
        "description" => (element.Description ?? "").Split('\n')[0],
        "key" => element.CacheKey is { } key ? key[..Math.Min(keyLength, key.Length)] : new string('?', keyLength),
        "full-key" => element.CacheKey ?? new string('?', 64),
        "state" => StateCalculator.Describe(_states.StateOf(element)),
        "config" => YamlWriter.Write(element.Config),
        "vars" => YamlWriter.Write(element.VariablesNode()),
        "env" => YamlWriter.Write(element.Environment),
        "public" => YamlWriter.Write(element.Public),
        // As bst: direct build dependencies first, then runtime-only ones, each in sorted order.
        "deps" => NameList(element.Dependencies.OrderBy(d => d.IsBuild ? 0 : 1).Select(d => d.Element)),
        "build-deps" => NameList(element.BuildDependencies),
        "runtime-deps" => NameList(element.RuntimeDependencies),
        "workspaced" => "",
        "workspace-dirs" => "",
        _ => null,
    };

    /// <summary>A YAML list of names without the trailing newline (bst strips it, unlike the mapping dumps).</summary>
    private static string NameList(IEnumerable<Element> elements)
    {
        var list = new SequenceNode(new Provenance("", 0, 0));
        foreach (var element in elements)
            list.Items.Add(new ScalarNode(element.FullName, list.Provenance));
        return YamlWriter.Write(list).TrimEnd('\n');
    }

    /// <summary>Python's format spec subset bst users write: [[fill]align][width].</summary>
    private static string Pad(string value, string spec)
    {
        if (spec.Length == 0)
            return value;
        var match = Spec().Match(spec);
        if (!match.Success || match.Groups["width"].Value.Length == 0)
            return value;
        var width = int.Parse(match.Groups["width"].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (value.Length >= width)
            return value;
        var fill = match.Groups["fill"].Success && match.Groups["fill"].Value.Length > 0 ? match.Groups["fill"].Value[0] : ' ';
        var padding = width - value.Length;
        return match.Groups["align"].Value switch
        {
            ">" => new string(fill, padding) + value,
            "^" => new string(fill, padding / 2) + value + new string(fill, padding - padding / 2),
            _ => value + new string(fill, padding),
        };
    }

    [GeneratedRegex(@"%\{(?<name>[a-z][a-z-]*)(?::(?<spec>[^}]*))?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^(?:(?<fill>.)?(?<align>[<>^]))?(?<width>\d+)?$")]
    private static partial Regex Spec();
}
