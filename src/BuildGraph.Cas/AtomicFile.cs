namespace BuildGraph.Cas;

/// <summary>Crash-safe small-file writes for refs and similar pointers.</summary>
public static class AtomicFile
{
    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="bytes"/> atomically: a temporary file in the
    /// same directory is written, fsynced and renamed over the target, so readers (and a crash) see
    /// either the old or the new content, never a mix. Creates the parent directory. Thread-safe; the
    /// last writer wins.
    /// </summary>
    public static async Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                BufferSize = 0,
                UnixCreateMode = FileModes.Writable(executable: false),
            }))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
