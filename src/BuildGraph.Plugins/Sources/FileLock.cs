namespace BuildGraph.Plugins.Sources;

/// <summary>
/// An exclusive lock on a download-cache entry (a git mirror), held by an open lock file: other bgx
/// processes and other sources in this one wait until it is released. Advisory: only bgx honours it.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    public static async Task<FileLock> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var delay = 20;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive flock() on Unix, which also excludes other handles in this process.
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = Math.Min(delay * 2, 500);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
