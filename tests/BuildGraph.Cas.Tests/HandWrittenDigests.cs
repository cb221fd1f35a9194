using System.Security.Cryptography;
using BuildGraph.Engine.Loading;

namespace BuildGraph.Cas.Tests;

/// <summary>
/// The local-source digest as src/BuildGraph.Engine/Loading/ContentDigests.cs computes it (same walk,
/// same exec rule, ordinal order), through the engine's own hand-written DirectoryMessageWriter.
/// Kept in step with ContentDigests by hand; the encoder itself is the engine's file, linked in.
/// </summary>
internal static class HandWrittenDigests
{
    public static string DirectoryHash(string directory) => Convert.ToHexStringLower(DirectoryMessage(directory).Hash);

    private static (byte[] Hash, long Size) DirectoryMessage(string directory)
    {
        var writer = new DirectoryMessageWriter();
        var entries = new DirectoryInfo(directory).EnumerateFileSystemInfos()
            .OrderBy(e => e.Name, StringComparer.Ordinal);
        foreach (var entry in entries)
            AddEntry(writer, entry);
        var bytes = writer.ToArray();
        return (SHA256.HashData(bytes), bytes.Length);
    }

    private static void AddEntry(DirectoryMessageWriter writer, FileSystemInfo entry)
    {
        if (entry.LinkTarget is { } target)
        {
            writer.AddSymlink(entry.Name, target);
        }
        else if (entry is DirectoryInfo || Directory.Exists(entry.FullName))
        {
            var (hash, size) = DirectoryMessage(entry.FullName);
            writer.AddDirectory(entry.Name, Convert.ToHexStringLower(hash), size);
        }
        else
        {
            using var stream = File.OpenRead(entry.FullName);
            var hash = SHA256.HashData(stream);
            var executable = (File.GetUnixFileMode(entry.FullName) & UnixFileMode.UserExecute) != 0;
            writer.AddFile(entry.Name, Convert.ToHexStringLower(hash), stream.Length, executable);
        }
    }
}
