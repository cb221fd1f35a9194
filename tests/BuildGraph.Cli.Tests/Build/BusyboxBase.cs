using System.Diagnostics;

namespace BuildGraph.Cli.Tests.Build;

/// <summary>
/// The base sysroot of the build fixtures, made at test time: <c>files/base/bin/busybox</c> copied from
/// the host's static busybox with a symlink per applet (<c>busybox --list</c>). Each fixture imports it
/// with <c>elements/base.bst</c> (kind import, a local source at files/base).
/// </summary>
internal static class BusyboxBase
{
    public const string Busybox = "/bin/busybox";

    private static readonly Lazy<string[]> Applets = new(ListApplets);

    /// <summary>Copies fixture <paramref name="fixture"/> and writes its files/base.</summary>
    public static TestProject Copy(string fixture)
    {
        var project = TestProject.Copy(fixture);
        try
        {
            Prepare(project);
            return project;
        }
        catch
        {
            project.Dispose();
            throw;
        }
    }

    /// <summary>Writes the sysroot into <paramref name="project"/>'s files/base.</summary>
    public static void Prepare(TestProject project)
    {
        var bin = Path.Combine(project.Directory, "files", "base", "bin");
        Directory.CreateDirectory(bin);
        File.Copy(Busybox, Path.Combine(bin, "busybox"));
        File.SetUnixFileMode(Path.Combine(bin, "busybox"), (UnixFileMode)0b111_101_101);
        foreach (var applet in Applets.Value)
        {
            if (applet != "busybox")
                File.CreateSymbolicLink(Path.Combine(bin, applet), "busybox");
        }
    }

    private static string[] ListApplets()
    {
        var start = new ProcessStartInfo(Busybox, "--list") { RedirectStandardOutput = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Busybox}");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{Busybox} --list exited {process.ExitCode}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
