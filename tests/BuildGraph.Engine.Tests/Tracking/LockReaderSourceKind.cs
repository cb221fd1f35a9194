using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Tests.Tracking;

/// <summary>
/// A test source kind that, like cargo2, tracks from the previous sources: its new ref is the text of
/// <c>lock.txt</c> in the directory the engine staged them into.
/// </summary>
internal sealed class LockReaderSourceKind : ISourceKind
{
    public string Name => "lock-reader";

    public SourceTraits Traits => SourceTraits.TrackNeedsPreviousSources;

    public ISource Configure(MappingNode config, ISourceContext context)
    {
        config.ValidateKeys(new[] { "ref" });
        return new Source(config["ref"], context);
    }

    private sealed class Source(Node? reference, ISourceContext context) : ISource
    {
        public bool IsResolved => Ref is not null;
        public Node? Ref => reference;
        public bool IsFetched => true;
        public JsonNode GetUniqueKey() => JsonValue.Create(((ScalarNode)Ref!).Value);
        public Task StageAsync(string directory, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task FetchAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task<SourceTrackResult> TrackAsync(string? previousSources, CancellationToken cancellationToken)
        {
            var path = Path.Combine(previousSources ?? throw new InvalidOperationException("no previous sources"), "lock.txt");
            if (!File.Exists(path))
                throw new SourceException(ErrorReason.MissingFile, null, $"{context.ElementName}: no lock.txt in the previous sources");
            var text = (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
            return new SourceTrackResult(new ScalarNode(text, context.Provenance), new[] { "read " + text });
        }
    }
}
