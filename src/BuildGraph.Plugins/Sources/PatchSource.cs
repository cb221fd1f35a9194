using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>A configured patch source. Always resolved; its key holds the patch file's sha256.</summary>
internal sealed class PatchSource(string path, Provenance pathProvenance, int stripLevel, ISourceContext context) : ISource
{
    public string Path => path;

    public int StripLevel => stripLevel;

    public bool IsResolved => true;

    public Node? Ref => null;

    public JsonNode GetUniqueKey() =>
        new JsonArray { path, context.DigestProjectPath(path, pathProvenance), stripLevel };
}
