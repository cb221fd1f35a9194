using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>A configured remote source.</summary>
internal sealed record RemoteSource(DownloadableFile File, string Filename, bool Executable) : ISource
{
    public bool IsResolved => File.Ref is not null;

    public Node? Ref => File.Ref;

    public JsonNode GetUniqueKey()
    {
        var key = File.KeyPrefix();
        key.Add(Filename);
        key.Add(Executable);
        return key;
    }

    public Task StageAsync(string directory, CancellationToken cancellationToken)
    {
        var cached = File.RequireCached();
        Directory.CreateDirectory(directory);
        var target = Path.Combine(directory, Filename);
        if (new FileInfo(target).LinkTarget is not null)
            System.IO.File.Delete(target);
        System.IO.File.Copy(cached, target, overwrite: true);
        System.IO.File.SetUnixFileMode(target, Executable
            ? (UnixFileMode)0x1ED // 0755
            : (UnixFileMode)0x1A4); // 0644
        return Task.CompletedTask;
    }

    public bool IsFetched => File.IsFetched;

    public Task FetchAsync(CancellationToken cancellationToken) => File.FetchAsync(cancellationToken);

    public Task<SourceTrackResult> TrackAsync(string? previousSources, CancellationToken cancellationToken) =>
        File.TrackAsync(cancellationToken);
}
