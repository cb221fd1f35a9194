using System.Text.RegularExpressions;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>
/// The little of Cargo.toml that vendoring a git crate needs, line by line: a package's name, whether a
/// manifest is a workspace root, and flattening a workspace member (its <c>x.workspace = true</c> keys
/// replaced by the workspace's values), because a vendored member no longer sits below its workspace.
/// Only single-line values are inherited; anything else is an error that says so.
/// </summary>
internal static partial class CargoManifest
{
    public static string? PackageName(string manifest)
    {
        foreach (var (table, line) in Lines(manifest))
        {
            if (table == "package" && Entry(line) is { Success: true } m && m.Groups["key"].Value == "name")
                return Unquote(m.Groups["value"].Value.Trim());
        }
        return null;
    }

    public static bool HasWorkspace(string manifest) => Lines(manifest).Any(l => l.Table == "workspace");

    /// <summary>The member manifest with every inherited key written out from <paramref name="workspace"/>.</summary>
    /// <exception cref="SourceException">Unsupported: an inherited value the workspace lacks or spreads over lines.</exception>
    public static string Flatten(string member, string workspace, string crate, Provenance at)
    {
        var package = Table(workspace, "workspace.package");
        var dependencies = Table(workspace, "workspace.dependencies");
        return string.Join('\n', Lines(member).Select(l => FlattenLine(l.Table, l.Line, package, dependencies, crate, at)));
    }

    private static string FlattenLine(string table, string line, Dictionary<string, string> package, Dictionary<string, string> dependencies,
        string crate, Provenance at)
    {
        var match = Entry(line);
        if (!match.Success)
            return line;
        var key = match.Groups["key"].Value;
        var value = match.Groups["value"].Value.Trim();
        if (table == "lints" && key == "workspace")
            return ""; // lints only matter to the workspace's own builds
        var inherits = key.EndsWith(".workspace", StringComparison.Ordinal) && value == "true";
        var name = inherits ? key[..^".workspace".Length] : key;
        if (table == "package" && inherits)
            return $"{name} = {Inherited(package, name, "workspace.package", crate, at)}";
        if (!IsDependencyTable(table))
            return line;
        if (inherits)
            return $"{name} = {Inherited(dependencies, name, "workspace.dependencies", crate, at)}";
        if (!value.StartsWith('{') || InlineTable().Match(value) is not { Success: true } inline)
            return line;
        var pairs = SplitPairs(inline.Groups["body"].Value);
        if (!pairs.Remove("workspace = true"))
            return line;
        var inherited = Inherited(dependencies, key, "workspace.dependencies", crate, at);
        var merged = inherited.StartsWith('{') && InlineTable().Match(inherited) is { Success: true } table2
            ? SplitPairs(table2.Groups["body"].Value)
            : [$"version = {inherited}"];
        foreach (var pair in pairs)
        {
            var pairKey = pair.Split('=', 2)[0].Trim();
            if (merged.Any(p => p.Split('=', 2)[0].Trim() == pairKey))
                throw Unsupported(crate, at, $"the dependency {key} sets {pairKey} both in the workspace and in the member");
            merged.Add(pair);
        }
        return $"{key} = {{ {string.Join(", ", merged)} }}";
    }

    private static bool IsDependencyTable(string table) =>
        table is "dependencies" or "dev-dependencies" or "build-dependencies"
        || (table.StartsWith("target.", StringComparison.Ordinal) && table.EndsWith("dependencies", StringComparison.Ordinal));

    private static string Inherited(Dictionary<string, string> values, string key, string table, string crate, Provenance at) =>
        values.TryGetValue(key, out var value) ? value
            : throw Unsupported(crate, at, $"{key} inherits from [{table}], which has no single-line {key}");

    private static SourceException Unsupported(string crate, Provenance at, string what) =>
        new(ErrorReason.Unsupported, at, $"cannot vendor the git crate {crate}: {what}",
            "bgx flattens single-line workspace values only; vendor this crate with another source.");

    /// <summary>The single-line <c>key = value</c> entries of one table.</summary>
    private static Dictionary<string, string> Table(string manifest, string name)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (table, line) in Lines(manifest))
        {
            if (table == name && Entry(line) is { Success: true } m && IsComplete(m.Groups["value"].Value.Trim()))
                values[m.Groups["key"].Value] = m.Groups["value"].Value.Trim();
        }
        return values;
    }

    private static bool IsComplete(string value) =>
        !(value.StartsWith('[') && !value.EndsWith(']')) && !(value.StartsWith('{') && !value.EndsWith('}'))
        && !value.StartsWith("\"\"\"", StringComparison.Ordinal) && !value.StartsWith("'''", StringComparison.Ordinal);

    /// <summary>Top-level comma-separated pairs of an inline table's body.</summary>
    private static List<string> SplitPairs(string body)
    {
        var pairs = new List<string>();
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '"' && (i == 0 || body[i - 1] != '\\'))
                quoted = !quoted;
            else if (!quoted && c is '[' or '{')
                depth++;
            else if (!quoted && c is ']' or '}')
                depth--;
            else if (!quoted && depth == 0 && c == ',')
            {
                pairs.Add(Normalise(body[start..i]));
                start = i + 1;
            }
        }
        if (body[start..].Trim().Length > 0)
            pairs.Add(Normalise(body[start..]));
        return pairs;
    }

    private static string Normalise(string pair)
    {
        var parts = pair.Split('=', 2);
        return parts.Length == 2 ? $"{parts[0].Trim()} = {parts[1].Trim()}" : pair.Trim();
    }

    /// <summary>Each line with the table it is in (dotted name, quotes removed; "" before the first header).</summary>
    private static IEnumerable<(string Table, string Line)> Lines(string manifest)
    {
        var table = "";
        foreach (var raw in manifest.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (Header().Match(line) is { Success: true } header)
                table = header.Groups["name"].Value.Replace("\"", "").Replace(" ", "");
            yield return (table, line);
        }
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value;

    [GeneratedRegex(@"^\s*\[\[?(?<name>[^\[\]]+)\]\]?\s*(#.*)?$")]
    private static partial Regex Header();

    /// <summary>The line's <c>key = value</c>, its comment left out.</summary>
    private static Match Entry(string line) => KeyValue().Match(CargoLock.StripComment(line));

    [GeneratedRegex(@"^\s*(?<key>[A-Za-z0-9_.\-""]+?)\s*=\s*(?<value>.*?)\s*$")]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"^\{(?<body>.*)\}$")]
    private static partial Regex InlineTable();
}
