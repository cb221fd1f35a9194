namespace BuildGraph.Testing;

/// <summary>
/// A project in a fresh temporary directory (a fixture from <c>Fixtures/&lt;case&gt;/</c> copied there, or
/// empty), with a user configuration whose cachedir is there too, so tests may edit files freely and
/// never touch ~/.cache or ~/.config. Everything is deleted on <see cref="Dispose"/>.
/// </summary>
public abstract class ProjectDirectory : IDisposable
{
    /// <summary>Pinned so variables such as max-jobs do not depend on the machine running the tests.</summary>
    public const int MaxJobs = 4;

    private readonly string _root;

    /// <param name="temporaryFolder">The folder under the system's temporary directory this suite uses.</param>
    protected ProjectDirectory(string temporaryFolder)
    {
        _root = Path.Combine(Path.GetTempPath(), temporaryFolder, Guid.NewGuid().ToString("N"));
        Directory = Path.Combine(_root, "project");
        CacheDirectory = Path.Combine(_root, "cache");
        UserConfigFile = Path.Combine(_root, "bgx.conf");
        System.IO.Directory.CreateDirectory(Directory);
        System.IO.Directory.CreateDirectory(CacheDirectory);
        WriteUserConfig("");
    }

    /// <summary>The project directory (holding project.conf, unless the test removes it).</summary>
    public string Directory { get; }

    public string CacheDirectory { get; }

    /// <summary>The user configuration file (<c>--config</c>).</summary>
    public string UserConfigFile { get; }

    /// <summary>Writes the user configuration: the temporary cachedir, a fixed max-jobs, then <paramref name="extra"/>.</summary>
    public void WriteUserConfig(string extra) =>
        File.WriteAllText(UserConfigFile, $"cachedir: {CacheDirectory}\nbuild:\n  max-jobs: {MaxJobs}\n{extra}");

    /// <summary>Writes (or overwrites) a file of the project, creating directories as needed.</summary>
    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public string Read(string relativePath) => File.ReadAllText(Path.Combine(Directory, relativePath));

    /// <summary>Replaces text in a project file; fails when the text is not there, so edits cannot silently miss.</summary>
    public void Replace(string relativePath, string oldText, string newText)
    {
        var content = Read(relativePath);
        if (!content.Contains(oldText, StringComparison.Ordinal))
            throw new InvalidOperationException($"'{oldText}' not found in {relativePath}");
        Write(relativePath, content.Replace(oldText, newText, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>Copies <c>Fixtures/<paramref name="fixture"/></c> from the test output directory into the project.</summary>
    protected void CopyFixture(string fixture)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture);
        if (!System.IO.Directory.Exists(source))
            throw new InvalidOperationException($"No fixture {fixture} in {source}");
        CopyTree(source, Directory);
    }

    private static void CopyTree(string source, string target)
    {
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.EnumerateFiles(source))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        foreach (var directory in System.IO.Directory.EnumerateDirectories(source))
            CopyTree(directory, Path.Combine(target, Path.GetFileName(directory)));
    }
}
