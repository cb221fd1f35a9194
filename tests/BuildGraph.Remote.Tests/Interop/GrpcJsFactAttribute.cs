using BuildGraph.Remote.Tests.Interop;

namespace BuildGraph.Remote.Tests.Interop;

/// <summary>A fact that needs node and the grpc-js packages tests/interop/setup.sh installs; skips, saying why, without them.</summary>
internal sealed class GrpcJsFactAttribute : FactAttribute
{
    public GrpcJsFactAttribute()
    {
        if (!OnPath("node"))
            Skip = "node is not on PATH";
        else if (!Directory.Exists(Path.Combine(InteropPaths.GrpcJsModules, "@grpc", "grpc-js")))
            Skip = $"grpc-js is not installed in {InteropPaths.GrpcJsModules}: run tests/interop/setup.sh";
    }

    public static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));
}
