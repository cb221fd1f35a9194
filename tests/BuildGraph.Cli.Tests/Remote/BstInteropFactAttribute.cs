using BuildGraph.Cli.Tests.Build;

namespace BuildGraph.Cli.Tests.Remote;

/// <summary>A build fact that also needs BuildStream 1.6.8's artifact server; skips, saying why, without it.</summary>
internal sealed class BstInteropFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(() => BuildFactAttribute.SkipReason ?? BstCasServer.SkipReason);

    public BstInteropFactAttribute()
    {
        if (Missing.Value is { } reason)
            Skip = reason;
    }
}
