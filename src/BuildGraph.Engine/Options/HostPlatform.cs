using System.Runtime.InteropServices;

namespace BuildGraph.Engine.Options;

/// <summary>
/// The host as <c>arch</c> and <c>os</c> options see it: <paramref name="Arch"/> is a canonical
/// BuildStream architecture name (<c>x86-64</c>, <c>aarch64</c>, …), <paramref name="Os"/> is what
/// <c>uname -s</c> prints (<c>Linux</c>).
/// </summary>
internal sealed record HostPlatform(string Arch, string Os)
{
    private static readonly Dictionary<string, string> ArchAliases = new(StringComparer.Ordinal)
    {
        ["aarch32"] = "aarch32",
        ["aarch64"] = "aarch64",
        ["aarch64-be"] = "aarch64-be",
        ["amd64"] = "x86-64",
        ["arm"] = "aarch32",
        ["armv8l"] = "aarch64",
        ["armv8b"] = "aarch64-be",
        ["i386"] = "x86-32",
        ["i486"] = "x86-32",
        ["i586"] = "x86-32",
        ["i686"] = "x86-32",
        ["la64v100"] = "la64v100",
        ["loongarch64"] = "la64v100",
        ["power-isa-be"] = "power-isa-be",
        ["power-isa-le"] = "power-isa-le",
        ["powerpc"] = "power-isa-be",
        ["ppc64"] = "power-isa-be",
        ["ppc64le"] = "power-isa-le",
        ["riscv64"] = "rv64g",
        ["rv64g"] = "rv64g",
        ["sparc"] = "sparc-v9",
        ["sparc64"] = "sparc-v9",
        ["sparc-v9"] = "sparc-v9",
        ["x86-32"] = "x86-32",
        ["x86-64"] = "x86-64",
    };

    /// <summary>The machine bgx runs on.</summary>
    public static HostPlatform Current { get; } = new(CurrentArch(), CurrentOs());

    /// <summary>
    /// The canonical name of <paramref name="arch"/>, case-insensitive with <c>_</c> read as <c>-</c>
    /// (<c>x86_64</c> → <c>x86-64</c>), or null when the architecture is unknown.
    /// </summary>
    public static string? CanonicalizeArch(string arch) =>
        ArchAliases.TryGetValue(arch.Replace('_', '-').ToLowerInvariant(), out var canonical) ? canonical : null;

    private static string CurrentArch() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "x86-64",
        Architecture.X86 => "x86-32",
        Architecture.Arm64 => "aarch64",
        Architecture.Arm or Architecture.Armv6 => "aarch32",
        Architecture.LoongArch64 => "la64v100",
        Architecture.Ppc64le => "power-isa-le",
        Architecture.RiscV64 => "rv64g",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static string CurrentOs()
    {
        if (OperatingSystem.IsLinux())
            return "Linux";
        if (OperatingSystem.IsMacOS())
            return "Darwin";
        if (OperatingSystem.IsFreeBSD())
            return "FreeBSD";
        if (OperatingSystem.IsWindows())
            return "Windows";
        return RuntimeInformation.OSDescription.Split(' ', 2)[0];
    }
}
