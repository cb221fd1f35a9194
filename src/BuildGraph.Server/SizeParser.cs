using System.Globalization;

namespace BuildGraph.Server;

/// <summary>Sizes such as <c>1048576</c>, <c>500M</c>, <c>10G</c>, <c>1.5T</c>, <c>20GiB</c> (powers of 1024).</summary>
public static class SizeParser
{
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var s = text.Trim();
        foreach (var suffix in new[] { "iB", "B" })
        {
            if (s.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && s.Length > suffix.Length)
            {
                s = s[..^suffix.Length];
                break;
            }
        }
        var shift = s.Length > 0 ? char.ToUpperInvariant(s[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => 0 } : 0;
        if (shift > 0)
            s = s[..^1];
        if (!double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
            return false;
        var result = value * Math.Pow(2, shift);
        if (result >= long.MaxValue)
            return false;
        bytes = (long)result;
        return bytes > 0;
    }
}
