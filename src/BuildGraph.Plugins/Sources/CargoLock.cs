using System.Globalization;
using System.Text;

namespace BuildGraph.Plugins.Sources;

/// <summary>
/// The <c>[[package]]</c> tables of a Cargo.lock, read by a small TOML reader that knows what lock files
/// contain: tables, arrays of tables, <c>key = value</c> with strings, integers, booleans and (multi-line)
/// arrays. Only string values are kept. Anything else is a <see cref="FormatException"/> naming the line.
/// </summary>
internal static class CargoLock
{
    /// <summary>One package table: its string keys (name, version, source, checksum…).</summary>
    public sealed record Package(IReadOnlyDictionary<string, string> Values, int Line)
    {
        public string? this[string key] => Values.GetValueOrDefault(key);
    }

    public static IReadOnlyList<Package> Parse(string text)
    {
        var packages = new List<Package>();
        Dictionary<string, string>? current = null;
        var currentLine = 0;
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = StripComment(lines[i]).Trim();
            if (line.Length == 0)
                continue;
            if (line.StartsWith('['))
            {
                if (current is not null)
                    packages.Add(new Package(current, currentLine));
                current = null;
                var header = line.StartsWith("[[", StringComparison.Ordinal)
                    ? (line.EndsWith("]]", StringComparison.Ordinal) ? line[2..^2].Trim() : throw Error(i + 1, "unterminated table header"))
                    : (line.EndsWith(']') ? line[1..^1].Trim() : throw Error(i + 1, "unterminated table header"));
                if (header.Length == 0)
                    throw Error(i + 1, "empty table name");
                if (header == "package" && line.StartsWith("[[", StringComparison.Ordinal))
                {
                    current = new Dictionary<string, string>(StringComparer.Ordinal);
                    currentLine = i + 1;
                }
                continue;
            }
            var equals = line.IndexOf('=');
            if (equals <= 0)
                throw Error(i + 1, "expected 'key = value'");
            var key = Unquote(line[..equals].Trim(), i + 1);
            var value = line[(equals + 1)..].Trim();
            if (value.StartsWith('['))
            {
                // An array, perhaps over several lines: read on until its brackets balance.
                var depth = Brackets(value, i + 1);
                while (depth > 0)
                {
                    if (++i >= lines.Length)
                        throw Error(i, $"unterminated array for '{key}'");
                    depth += Brackets(StripComment(lines[i]), i + 1);
                }
                continue;
            }
            var parsed = Scalar(value, i + 1);
            if (current is not null && parsed is not null)
            {
                if (!current.TryAdd(key, parsed))
                    throw Error(i + 1, $"duplicate key '{key}'");
            }
        }
        if (current is not null)
            packages.Add(new Package(current, currentLine));
        return packages;
    }

    /// <summary>A string's value, or null for the other scalars lock files hold (numbers, booleans).</summary>
    private static string? Scalar(string value, int line)
    {
        if (value.StartsWith('"') || value.StartsWith('\''))
            return Unquote(value, line);
        if (value is "true" or "false" || long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            return null;
        throw Error(line, $"unsupported value '{value}'");
    }

    private static string Unquote(string text, int line)
    {
        if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'' && text.IndexOf('\'', 1) == text.Length - 1)
            return text[1..^1];
        if (text.Length == 0 || text[0] != '"')
            return IsBareKey(text) ? text : throw Error(line, $"invalid key or value '{text}'");
        var sb = new StringBuilder();
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
                return i == text.Length - 1 ? sb.ToString() : throw Error(line, "text after a closing quote");
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (++i >= text.Length)
                break;
            switch (text[i])
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case 'u' when i + 4 < text.Length:
                    sb.Append((char)int.Parse(text.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default: throw Error(line, $"unknown escape '\\{text[i]}'");
            }
        }
        throw Error(line, "unterminated string");
    }

    private static bool IsBareKey(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>The change in bracket depth over a piece of an array, ignoring brackets inside strings.</summary>
    private static int Brackets(string text, int line)
    {
        var depth = 0;
        var closed = ScanUnquoted(text, (_, c) =>
        {
            depth += c switch { '[' => 1, ']' => -1, _ => 0 };
            return true;
        });
        return closed ? depth : throw Error(line, "unterminated string");
    }

    /// <summary>The line without a trailing <c># comment</c> (a # inside a string stays).</summary>
    internal static string StripComment(string line)
    {
        var comment = -1;
        ScanUnquoted(line, (i, c) =>
        {
            if (c != '#')
                return true;
            comment = i;
            return false;
        });
        return comment < 0 ? line : line[..comment];
    }

    /// <summary>
    /// Calls <paramref name="visit"/> with each character outside quoted strings until it returns false;
    /// false when the text ends inside a string.
    /// </summary>
    private static bool ScanUnquoted(string text, Func<int, char, bool> visit)
    {
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == '\\' && quote == '"')
                    i++;
                else if (c == quote)
                    quote = null;
            }
            else if (c is '"' or '\'')
                quote = c;
            else if (!visit(i, c))
                return true;
        }
        return quote is null;
    }

    private static FormatException Error(int line, string what) => new($"line {line}: {what}");
}
