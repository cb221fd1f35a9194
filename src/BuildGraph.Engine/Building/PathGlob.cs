using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace BuildGraph.Engine.Building;

/// <summary>
/// BuildStream's path globs for split rules and overlap whitelists: <c>*</c> matches within one path
/// component, <c>**</c> across components, <c>?</c> one non-<c>/</c> character, <c>[...]</c> and
/// <c>[!...]</c> classes. A glob matches the whole path, which starts with <c>/</c>.
/// </summary>
internal static class PathGlob
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <summary>One regex matching any of <paramref name="globs"/>.</summary>
    public static Regex Compile(IEnumerable<string> globs)
    {
        var key = string.Join("\n", globs);
        return Cache.GetOrAdd(key, k =>
        {
            var parts = k.Split('\n').Where(g => g.Length > 0).Select(Translate).ToList();
            var pattern = parts.Count == 0 ? "(?!)" : "^(?:" + string.Join("|", parts) + ")$";
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Singleline);
        });
    }

    public static bool Matches(IEnumerable<string> globs, string path) => Compile(globs).IsMatch(path);

    private static string Translate(string glob)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*' when i + 1 < glob.Length && glob[i + 1] == '*':
                    sb.Append(".*");
                    i++;
                    break;
                case '*':
                    sb.Append("[^/]*");
                    break;
                case '?':
                    sb.Append("[^/]");
                    break;
                case '[':
                    var end = glob.IndexOf(']', i + 2);
                    if (end < 0)
                    {
                        sb.Append("\\[");
                        break;
                    }
                    var body = glob[(i + 1)..end];
                    var negate = body.StartsWith('!');
                    if (negate)
                        body = body[1..];
                    sb.Append('[').Append(negate ? "^" : "").Append(body.Replace("\\", "\\\\")).Append(']');
                    i = end;
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        return sb.ToString();
    }
}
