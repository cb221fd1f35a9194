using System.Globalization;

namespace BuildGraph.Grpc;

/// <summary>The <c>grpc-timeout</c> header: 1 to 8 digits and a unit (H M S m u n).</summary>
public static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    /// <summary>Parses a header value; false when it is malformed.</summary>
    public static bool TryParse(string? text, out TimeSpan timeout)
    {
        timeout = default;
        if (text is null || text.Length is < 2 or > 9)
            return false;
        if (!long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return false;
        long? ticks = text[^1] switch
        {
            'H' => value * TimeSpan.TicksPerHour,
            'M' => value * TimeSpan.TicksPerMinute,
            'S' => value * TimeSpan.TicksPerSecond,
            'm' => value * TimeSpan.TicksPerMillisecond,
            'u' => value * TimeSpan.TicksPerMicrosecond,
            'n' => value / 100,
            _ => null,
        };
        if (ticks is null)
            return false;
        timeout = TimeSpan.FromTicks(ticks.Value);
        return true;
    }

    /// <summary>Formats a timeout in the finest unit that fits 8 digits (rounded up, never zero).</summary>
    public static string Format(TimeSpan timeout)
    {
        var ticks = Math.Max(timeout.Ticks, 0);
        var millis = CeilingDivide(ticks, TimeSpan.TicksPerMillisecond);
        if (millis <= MaxValue)
            return Math.Max(millis, 1).ToString(CultureInfo.InvariantCulture) + "m";
        var seconds = CeilingDivide(ticks, TimeSpan.TicksPerSecond);
        if (seconds <= MaxValue)
            return seconds.ToString(CultureInfo.InvariantCulture) + "S";
        var hours = Math.Min(CeilingDivide(ticks, TimeSpan.TicksPerHour), MaxValue);
        return hours.ToString(CultureInfo.InvariantCulture) + "H";
    }

    private static long CeilingDivide(long value, long unit) => value / unit + (value % unit == 0 ? 0 : 1);
}
