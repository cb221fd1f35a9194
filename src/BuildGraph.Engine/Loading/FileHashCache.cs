using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BuildGraph.Engine.Loading;

/// <summary>
/// Remembers the sha256 of project files by path, size and modification time, across runs (a file
/// under the cache directory), so that large local sources such as a sysroot are hashed once rather
/// than on every load. Entries modified within the last two seconds are not trusted (a later write in
/// the same timestamp tick could go unnoticed). Thread-safe.
/// </summary>
internal sealed class FileHashCache
{
    private readonly string? _file;
    private readonly ConcurrentDictionary<string, (long Size, long Mtime, string Hash)> _entries = new(StringComparer.Ordinal);
    private int _dirty;

    public FileHashCache(string? cacheDirectory)
    {
        _file = cacheDirectory is null ? null : Path.Combine(cacheDirectory, "local-file-hashes.v1");
        if (_file is not null && File.Exists(_file))
            Load(_file);
    }

    public string Hash(FileInfo file)
    {
        var size = file.Length;
        var mtime = file.LastWriteTimeUtc.Ticks;
        if (_entries.TryGetValue(file.FullName, out var known) && known.Size == size && known.Mtime == mtime)
            return known.Hash;
        using var stream = file.OpenRead();
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (DateTime.UtcNow.Ticks - mtime > TimeSpan.TicksPerSecond * 2)
        {
            _entries[file.FullName] = (size, mtime, hash);
            Interlocked.Exchange(ref _dirty, 1);
        }
        return hash;
    }

    /// <summary>Writes the cache back when it learnt something (atomically; a lost race only costs re-hashing).</summary>
    public void Save()
    {
        if (_file is null || Interlocked.Exchange(ref _dirty, 0) == 0)
            return;
        var sb = new StringBuilder();
        foreach (var (path, (size, mtime, hash)) in _entries)
            sb.Append(hash).Append('\t').Append(size).Append('\t').Append(mtime).Append('\t').Append(path).Append('\n');
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        var temp = $"{_file}.tmp-{Environment.ProcessId}";
        File.WriteAllText(temp, sb.ToString());
        File.Move(temp, _file, overwrite: true);
    }

    private void Load(string file)
    {
        try
        {
            foreach (var line in File.ReadLines(file))
            {
                var parts = line.Split('\t', 4);
                if (parts.Length == 4 && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var size)
                    && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var mtime))
                    _entries[parts[3]] = (size, mtime, parts[0]);
            }
        }
        catch (IOException)
        {
            _entries.Clear(); // an unreadable cache only costs re-hashing
        }
    }
}
