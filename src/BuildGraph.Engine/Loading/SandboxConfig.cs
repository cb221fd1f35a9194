using System.Runtime.InteropServices;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Loading;

/// <summary>Validates an element's sandbox section and fills in the host's OS and architecture.</summary>
internal static class SandboxConfig
{
    private static readonly string[] Keys = { "build-uid", "build-gid", "build-os", "build-arch", "remote-apis-socket" };

    public static MappingNode Normalise(MappingNode sandbox)
    {
        sandbox.ValidateKeys(Keys);
        var result = new MappingNode(sandbox.Provenance);
        result.Set("build-os", new ScalarNode(sandbox.GetString("build-os", HostOs()).ToLowerInvariant(), sandbox.Provenance));
        result.Set("build-arch", new ScalarNode(CanonicalArch(sandbox.GetString("build-arch", HostArch())), sandbox.Provenance));
        foreach (var key in new[] { "build-uid", "build-gid" })
        {
            if (sandbox[key] is ScalarNode id)
            {
                id.AsInt();
                result.Set(key, id);
            }
        }
        if (sandbox.TryGetMapping("remote-apis-socket") is { } socket)
        {
            socket.ValidateKeys(new[] { "path", "action-cache-enable-update" });
            result.Set("remote-apis-socket", socket);
        }
        return result;
    }

    public static string HostOs() => OperatingSystem.IsLinux() ? "linux" : RuntimeInformation.OSDescription.Split(' ')[0].ToLowerInvariant();

    public static string HostArch() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.X86 => "i686",
        Architecture.Arm64 => "aarch64",
        Architecture.Arm => "armv7l",
        Architecture.RiscV64 => "riscv64",
        Architecture.LoongArch64 => "loongarch64",
        Architecture.Ppc64le => "ppc64le",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>BuildStream's canonical architecture names.</summary>
    public static string CanonicalArch(string arch) => arch.ToLowerInvariant() switch
    {
        "x86_64" or "amd64" or "x86-64" => "x86-64",
        "i386" or "i486" or "i586" or "i686" or "x86-32" => "x86-32",
        "arm" or "armv7l" or "armv8l" or "aarch32" => "aarch32",
        "aarch64" or "arm64" or "armv8b" or "aarch64_be" => "aarch64",
        "ppc64le" or "power-isa-le" => "power-isa-le",
        "ppc64" or "powerpc" or "powerpc64" or "power-isa-be" => "power-isa-be",
        "riscv64" or "rv64g" => "rv64g",
        "loongarch64" or "la64v100" => "la64v100",
        var other => other,
    };
}
