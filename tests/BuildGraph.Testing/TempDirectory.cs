namespace BuildGraph.Testing;

/// <summary>A fresh directory under the system temp directory, deleted (read-only files too) on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <param name="suite">The folder under the system temp directory, so leftovers say which tests made them.</param>
    public TempDirectory(string suite = "bgx-tests")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), suite, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>A subdirectory, created.</summary>
    public string Sub(string name)
    {
        var path = Combine(name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Writes a file (creating its directories) with the given mode.</summary>
    public string WriteFile(string relative, string content, UnixFileMode? mode = null) =>
        WriteFile(relative, System.Text.Encoding.UTF8.GetBytes(content), mode);

    public string WriteFile(string relative, byte[] content, UnixFileMode? mode = null)
    {
        var path = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        if (mode is { } m)
            File.SetUnixFileMode(path, m);
        return path;
    }

    public void Dispose()
    {
        try
        {
            // Directories stay writable, so read-only files inside them can be deleted.
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
