using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary><c>patch</c>: a patch file of the project, applied to the sources staged before it.</summary>
internal sealed class PatchSourceKind : ISourceKind
{
    public string Name => "patch";

    public SourceTraits Traits => SourceTraits.ProjectLocal;

    public ISource Configure(MappingNode config, ISourceContext context)
    {
        config.ValidateKeys(["path", "strip-level"]);
        var path = ConfigValues.RequiredScalar(config, "path");
        return new PatchSource(ProjectPaths.Check(path), path.Provenance, config.GetInt("strip-level", 1), context);
    }
}
