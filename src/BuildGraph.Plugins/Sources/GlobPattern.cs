using System.Text;
using System.Text.RegularExpressions;

namespace BuildGraph.Plugins.Sources;

/// <summary>
/// Shell-style globs as BuildStream's sources use them: <c>*</c>, <c>?</c>, <c>[abc]</c>, <c>[!abc]</c>.
/// Path globs (tar <c>base-dir</c>) keep <c>*</c> and <c>?</c> within one path component and let
/// <c>**</c> cross them; name globs (git_repo <c>track</c>, Python's fnmatch) let <c>*</c> match anything.
/// </summary>
internal static class GlobPattern
{
    public static Regex Compile(string pattern, bool pathAware)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when pathAware && i + 1 < pattern.Length && pattern[i + 1] == '*':
                    sb.Append(".*");
                    i++;
                    break;
                case '*':
                    sb.Append(pathAware ? "[^/]*" : ".*");
                    break;
                case '?':
                    sb.Append(pathAware ? "[^/]" : ".");
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 2 <= pattern.Length ? i + 2 : i + 1);
                    if (close < 0)
                    {
                        sb.Append(@"\[");
                        break;
                    }
                    var body = pattern[(i + 1)..close];
                    var negate = body.StartsWith('!');
                    if (negate)
                        body = body[1..];
                    sb.Append('[').Append(negate ? "^" : "").Append(body.Replace(@"\", @"\\").Replace("[", @"\[")).Append(']');
                    i = close;
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        sb.Append('$');
        return new Regex(sb.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }
}
