using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary><c>patch_queue</c>: every file of a project directory, applied with git apply in name order.</summary>
internal sealed class PatchQueueSourceKind : ISourceKind
{
    public string Name => "patch_queue";

    public SourceTraits Traits => SourceTraits.ProjectLocal;

    public ISource Configure(MappingNode config, ISourceContext context)
    {
        config.ValidateKeys(["path"]);
        var path = ConfigValues.RequiredScalar(config, "path");
        return new PatchQueueSource(ProjectPaths.Check(path), path.Provenance, context);
    }
}
