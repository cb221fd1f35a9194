namespace BuildGraph.Plugins.Sources;

/// <summary>
/// Orders tag and branch names as versions (git_repo picks the greatest match): runs of digits compare
/// as numbers, runs of letters as text and before any number, everything else only separates runs.
/// A name that is a prefix of another sorts first; equal runs fall back to ordinal order.
/// </summary>
internal sealed class VersionOrder : IComparer<string>
{
    public static VersionOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
            return x is null ? (y is null ? 0 : -1) : 1;
        var a = Runs(x);
        var b = Runs(y);
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var order = CompareRun(a[i], b[i]);
            if (order != 0)
                return order;
        }
        return a.Count != b.Count ? a.Count.CompareTo(b.Count) : string.CompareOrdinal(x, y);
    }

    private static int CompareRun(string a, string b)
    {
        var aDigits = char.IsAsciiDigit(a[0]);
        var bDigits = char.IsAsciiDigit(b[0]);
        if (aDigits != bDigits)
            return aDigits ? 1 : -1;
        if (!aDigits)
            return string.CompareOrdinal(a, b);
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
    }

    private static List<string> Runs(string name)
    {
        var runs = new List<string>();
        var i = 0;
        while (i < name.Length)
        {
            if (!char.IsAsciiLetterOrDigit(name[i]))
            {
                i++;
                continue;
            }
            var digits = char.IsAsciiDigit(name[i]);
            var start = i;
            while (i < name.Length && char.IsAsciiLetterOrDigit(name[i]) && char.IsAsciiDigit(name[i]) == digits)
                i++;
            runs.Add(name[start..i]);
        }
        return runs;
    }
}
