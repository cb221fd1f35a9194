using System.Diagnostics;
using System.IO.Compression;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>
/// An archive's uncompressed tar stream. The compression is recognised by its magic bytes, as
/// BuildStream's tar source does: gzip in-process; xz, bzip2, lzip and zstd through the host tool.
/// </summary>
internal sealed class ArchiveStream : IAsyncDisposable
{
    private readonly Stream _file;
    private readonly Process? _process;
    private readonly Task<string>? _stderr;
    private readonly Provenance? _at;

    private ArchiveStream(Stream file, Stream content, Process? process, Provenance? at)
    {
        _file = file;
        Content = content;
        _process = process;
        _stderr = process?.StandardError.ReadToEndAsync();
        _at = at;
    }

    public Stream Content { get; }

    public static ArchiveStream Open(string path, Provenance? at)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var magic = new byte[6];
        var length = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        file.Position = 0;
        var head = magic.AsSpan(0, length);
        string? tool = null;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1f, 0x8b]))
            return new ArchiveStream(file, new GZipStream(file, CompressionMode.Decompress), null, at);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xfd, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0]))
            tool = "xz";
        else if (head.StartsWith("BZh"u8))
            tool = "bzip2";
        else if (head.StartsWith("LZIP"u8))
            tool = "lzip";
        else if (head.StartsWith((ReadOnlySpan<byte>)[0x28, 0xb5, 0x2f, 0xfd]))
            tool = "zstd";
        if (tool is null)
            return new ArchiveStream(file, file, null, at);
        file.Dispose();
        var process = ExternalCommand.Start(null, null, at, [tool, "-d", "-c", path], redirectStdout: true);
        return new ArchiveStream(Stream.Null, process.StandardOutput.BaseStream, process, at);
    }

    /// <summary>Reads what is left (padding after the end-of-archive blocks) and checks the decompressor's exit.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        if (_process is null)
            return;
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (_process.ExitCode != 0)
            throw new SourceException(ErrorReason.InvalidData, _at,
                $"'{_process.StartInfo.FileName}' could not decompress the archive (exit code {_process.ExitCode})",
                (await _stderr!.ConfigureAwait(false)).Trim());
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
                ExternalCommand.Kill(_process);
            _process.Dispose();
        }
        await Content.DisposeAsync().ConfigureAwait(false);
        await _file.DisposeAsync().ConfigureAwait(false);
    }
}
