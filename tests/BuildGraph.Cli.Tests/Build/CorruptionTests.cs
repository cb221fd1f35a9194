using System.Security.Cryptography;
using System.Text;

namespace BuildGraph.Cli.Tests.Build;

/// <summary>An object of a built artifact damaged on disk is found, and never handed out as the artifact's content.</summary>
[Trait("Category", "Integration")]
public sealed class CorruptionTests
{
    private const string Data = "payload 42\n";
    private const string Damaged = "payload 43\n";

    /// <summary>Builds hello.bst and overwrites the object of its data.txt with other bytes of the same size.</summary>
    private static (TestProject Project, string Hash) BuildAndCorrupt()
    {
        var project = BusyboxBase.Copy("build-basic");
        project.Run("build", "hello.bst").AssertSuccess();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Data)));
        var objectFile = Path.Combine(project.CacheDirectory, "cas", "objects", hash[..2], hash[2..]);
        Assert.True(File.Exists(objectFile), $"no object {objectFile}");
        File.SetUnixFileMode(objectFile, File.GetUnixFileMode(objectFile) | UnixFileMode.UserWrite);
        File.WriteAllText(objectFile, Damaged);
        return (project, hash);
    }

    [BuildFact]
    public void CasVerify_ObjectOverwritten_FailsNamingIt()
    {
        var (project, hash) = BuildAndCorrupt();
        using var _ = project;

        var result = project.Run("cas", "verify");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("corrupt: " + hash, result.Lines);
        Assert.Contains("1 corrupt", result.Stdout, StringComparison.Ordinal);
    }

    [BuildFact]
    public void ArtifactCheckout_ObjectOverwritten_FailsWithoutWritingDamagedContent()
    {
        var (project, hash) = BuildAndCorrupt();
        using var _ = project;

        var (result, directory) = project.Checkout("hello.bst");

        result.AssertUserError();
        Assert.Contains("corrupt", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(hash, result.Stderr, StringComparison.Ordinal);
        var written = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Where(f => new FileInfo(f).LinkTarget is null)
            : [];
        Assert.DoesNotContain(written, f => File.ReadAllText(f) == Damaged);
    }

    [BuildFact]
    public void Build_AfterCorruptObjectWasFound_RebuildsTheArtifact()
    {
        var (project, _) = BuildAndCorrupt();
        using var __ = project;
        project.Checkout("hello.bst").Result.AssertUserError();

        // Finding the damage dropped the artifact: show no longer says cached.
        Assert.DoesNotContain("cached", project.Run("show", "--deps", "none", "hello.bst").AssertSuccess().Stdout, StringComparison.Ordinal);
        var rebuild = project.Run("build", "hello.bst").AssertSuccess();

        Assert.Equal(["hello.bst"], rebuild.Elements("START"));
        Assert.Equal(Data, File.ReadAllText(Path.Combine(project.CheckoutBuilt("hello.bst"), "usr/share/hello/data.txt")));
        project.Run("cas", "verify").AssertSuccess();
    }

    [BuildFact]
    public void CasVerify_ArtifactFileObjectMissing_ReportsTheArtifact()
    {
        var (project, hash) = BuildAndCorrupt();
        using var _ = project;
        // An object lost from disk (not yet found by a read) leaves its artifact incomplete.
        File.Delete(Path.Combine(project.CacheDirectory, "cas", "objects", hash[..2], hash[2..]));

        var result = project.Run("cas", "verify");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains(result.Lines, l => l.StartsWith("missing: ", StringComparison.Ordinal) && l.Contains(hash, StringComparison.Ordinal) && l.Contains("hello", StringComparison.Ordinal));
    }
}
