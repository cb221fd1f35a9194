using System.Security.Cryptography;

namespace BuildGraph.Cli.Tests.Track;

/// <summary>
/// A project for tracking tests: <c>project.conf</c> declares the alias <c>upstream:</c> for a directory of
/// upstream files (a <c>file://</c> URL, so tar and remote sources track without a network).
/// </summary>
internal sealed class TrackProject : IDisposable
{
    private TrackProject(TestProject project, string projectConf)
    {
        Project = project;
        Upstream = Path.Combine(Path.GetDirectoryName(project.Directory)!, "upstream");
        Directory.CreateDirectory(Upstream);
        project.Write("project.conf", projectConf.Replace("UPSTREAM", new Uri(Upstream + "/").AbsoluteUri, StringComparison.Ordinal));
    }

    public TestProject Project { get; }

    /// <summary>The directory the <c>upstream:</c> alias points to.</summary>
    public string Upstream { get; }

    /// <summary>
    /// A project with the <c>upstream:</c> alias and the plugin sources git, git_repo and cargo2 declared;
    /// <paramref name="extraProjectConf"/> is appended (lines indented by two spaces continue <c>aliases</c>).
    /// </summary>
    public static TrackProject Create(string extraProjectConf = "") =>
        new(TestProject.Empty(), "name: demo\nmin-version: 2.0\nelement-path: elements\nplugins:\n" +
            "- origin: pip\n  package-name: buildstream-plugins\n  sources: [git]\n" +
            "- origin: pip\n  package-name: buildstream-plugins-community\n  sources: [git_repo, cargo2]\n" +
            "aliases:\n  upstream: UPSTREAM\n" + extraProjectConf);

    /// <summary>Writes an upstream file and returns its sha256 (a tar or remote source's ref).</summary>
    public string Publish(string name, string content)
    {
        var path = Path.Combine(Upstream, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return Sha256(path);
    }

    /// <summary>Publishes a gzipped tarball holding <paramref name="files"/> and returns its sha256.</summary>
    public string PublishTar(string name, params (string Path, string Content)[] files)
    {
        var staging = Path.Combine(Upstream, ".staging-" + Guid.NewGuid().ToString("N"));
        foreach (var (file, content) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(staging, file))!);
            File.WriteAllText(Path.Combine(staging, file), content);
        }
        var target = Path.Combine(Upstream, name);
        using (var output = File.Create(target))
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest))
            System.Formats.Tar.TarFile.CreateFromDirectory(staging, gzip, includeBaseDirectory: false);
        Directory.Delete(staging, recursive: true);
        return Sha256(target);
    }

    public void Write(string relativePath, string content) => Project.Write(relativePath, content);

    /// <summary>Writes a file as bytes exactly (CRLF files and the like).</summary>
    public void WriteBytes(string relativePath, string content)
    {
        var path = Path.Combine(Project.Directory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(content));
    }

    public string Read(string relativePath) => File.ReadAllText(Path.Combine(Project.Directory, relativePath));

    public bool Exists(string relativePath) => File.Exists(Path.Combine(Project.Directory, relativePath));

    public CliResult Run(params string[] args) => Project.Run(args);

    public CliResult Track(params string[] args) => Project.Run(new[] { "source", "track" }.Concat(args).ToArray());

    /// <summary>The element's state as <c>bgx show</c> prints it.</summary>
    public string State(string element) =>
        Project.Run("show", "--deps", "none", "--format", "%{state}", element).AssertSuccess().Stdout.Trim();

    public string Key(string element) =>
        Project.Run("show", "--deps", "none", "--format", "%{full-key}", element).AssertSuccess().Stdout.Trim();

    public void Dispose() => Project.Dispose();

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
