using System.Formats.Tar;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>
/// Unpacks a tar archive (any compression <see cref="ArchiveStream"/> knows) below a base directory,
/// as BuildStream's tar source does: <c>base-dir</c> is a path glob whose first match (in sorted order)
/// is the directory whose contents are staged; <c>''</c> stages everything. Entries that climb out
/// (<c>..</c>, or through a symlink the archive made) are rejected; device nodes and fifos are skipped.
/// </summary>
internal static class TarExtractor
{
    private const UnixFileMode Permissions = (UnixFileMode)0x1FF;

    public static async Task ExtractAsync(string archive, string directory, string baseDir, Provenance? at, string what,
        CancellationToken cancellationToken)
    {
        var prefix = baseDir.Length == 0 ? null : await FindBaseDirAsync(archive, baseDir, at, what, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(directory);
        await using var stream = ArchiveStream.Open(archive, at);
        try
        {
            var reader = new TarReader(stream.Content);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                await ExtractEntryAsync(entry, prefix, directory, at, what, cancellationToken).ConfigureAwait(false);
            await stream.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new SourceException(ErrorReason.InvalidData, at, $"{what} is not a valid tar archive: {e.Message}", inner: e);
        }
    }

    /// <summary>The archive's directories as BuildStream lists them (leading <c>./</c> dropped, implied parents included).</summary>
    public static async Task<IReadOnlyList<string>> ListDirectoriesAsync(string archive, Provenance? at, string what,
        CancellationToken cancellationToken)
    {
        var directories = new SortedSet<string>(StringComparer.Ordinal);
        await using var stream = ArchiveStream.Open(archive, at);
        try
        {
            var reader = new TarReader(stream.Content);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                var name = Normalise(entry.Name);
                if (name.Length == 0)
                    continue;
                if (entry.EntryType == TarEntryType.Directory)
                    directories.Add(name);
                for (var slash = name.IndexOf('/'); slash > 0; slash = name.IndexOf('/', slash + 1))
                    directories.Add(name[..slash]);
            }
            await stream.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new SourceException(ErrorReason.InvalidData, at, $"{what} is not a valid tar archive: {e.Message}", inner: e);
        }
        return directories.ToList();
    }

    private static async Task<string> FindBaseDirAsync(string archive, string pattern, Provenance? at, string what,
        CancellationToken cancellationToken)
    {
        var glob = GlobPattern.Compile(pattern.Trim('/'), pathAware: true);
        var directories = await ListDirectoriesAsync(archive, at, what, cancellationToken).ConfigureAwait(false);
        return directories.FirstOrDefault(d => glob.IsMatch(d))
            ?? throw new SourceException(ErrorReason.InvalidData, at,
                $"{what}: could not find a base directory matching the pattern '{pattern}'",
                directories.Count == 0 ? "The archive has no directories: use base-dir: ''." : "Its top directories: " +
                    string.Join(", ", directories.Where(d => !d.Contains('/')).Take(10)));
    }

    /// <summary>An entry name without leading <c>./</c> or <c>/</c> and without a trailing <c>/</c>.</summary>
    public static string Normalise(string name)
    {
        while (true)
        {
            if (name.StartsWith("./", StringComparison.Ordinal))
                name = name[2..];
            else if (name.StartsWith('/'))
                name = name[1..];
            else
                break;
        }
        name = name.TrimEnd('/');
        return name == "." ? "" : name;
    }

    /// <summary>The path below the base directory, "" for the base itself, null when outside it.</summary>
    private static string? Relative(string name, string? prefix)
    {
        name = Normalise(name);
        if (prefix is null)
            return name;
        if (name == prefix)
            return "";
        return name.StartsWith(prefix + "/", StringComparison.Ordinal) ? name[(prefix.Length + 1)..] : null;
    }

    private static async Task ExtractEntryAsync(TarEntry entry, string? prefix, string root, Provenance? at, string what,
        CancellationToken cancellationToken)
    {
        switch (entry.EntryType)
        {
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo
                or TarEntryType.GlobalExtendedAttributes:
                return;
        }
        var relative = Relative(entry.Name, prefix);
        if (relative is null or "")
            return;
        var target = SafePath(root, relative, at, what, entry.Name);
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                if (new FileInfo(target).LinkTarget is not null || File.Exists(target))
                    File.Delete(target);
                Directory.CreateDirectory(target);
                File.SetUnixFileMode(target, (entry.Mode & Permissions) | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                RemoveExisting(target, at, what, entry.Name);
                await using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    if (entry.DataStream is { } data)
                        await data.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                }
                File.SetUnixFileMode(target, (entry.Mode & Permissions) | UnixFileMode.UserRead | UnixFileMode.UserWrite);
                break;
            case TarEntryType.SymbolicLink:
                RemoveExisting(target, at, what, entry.Name);
                File.CreateSymbolicLink(target, entry.LinkName);
                break;
            case TarEntryType.HardLink:
                var linked = Relative(entry.LinkName, prefix);
                if (linked is null or "")
                    throw new SourceException(ErrorReason.InvalidData, at,
                        $"{what}: the hard link '{entry.Name}' points outside the staged directory ('{entry.LinkName}')");
                var source = SafePath(root, linked, at, what, entry.LinkName);
                if (!File.Exists(source) || new FileInfo(source).LinkTarget is not null)
                    throw new SourceException(ErrorReason.InvalidData, at,
                        $"{what}: the hard link '{entry.Name}' points to '{entry.LinkName}', which is not a file extracted before it");
                RemoveExisting(target, at, what, entry.Name);
                File.Copy(source, target);
                break;
            default:
                throw new SourceException(ErrorReason.Unsupported, at,
                    $"{what}: the entry '{entry.Name}' is a {entry.EntryType}, which bgx cannot extract");
        }
    }

    /// <summary>
    /// The host path of an archive path, its parent directories created; throws when the path climbs out
    /// (<c>..</c>) or passes through a symlink (which may point anywhere).
    /// </summary>
    private static string SafePath(string root, string relative, Provenance? at, string what, string name)
    {
        var parts = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(p => p == ".."))
            throw Escaping(at, what, name);
        var path = root;
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] == ".")
                continue;
            path = Path.Combine(path, parts[i]);
            if (i == parts.Length - 1)
                break;
            if (new FileInfo(path).LinkTarget is not null)
                throw Escaping(at, what, name);
            if (File.Exists(path))
                throw new SourceException(ErrorReason.InvalidData, at, $"{what}: '{name}' needs '{parts[i]}' to be a directory, but it is a file");
            Directory.CreateDirectory(path);
        }
        return path;
    }

    private static void RemoveExisting(string target, Provenance? at, string what, string name)
    {
        if (new FileInfo(target).LinkTarget is not null || File.Exists(target))
            File.Delete(target);
        else if (Directory.Exists(target))
            throw new SourceException(ErrorReason.InvalidData, at, $"{what}: '{name}' would replace a directory");
    }

    private static SourceException Escaping(Provenance? at, string what, string name) =>
        new(ErrorReason.InvalidData, at, $"{what}: the entry '{name}' would be written outside the staging directory",
            "The archive is malformed or malicious; bgx refuses to extract it.");
}
