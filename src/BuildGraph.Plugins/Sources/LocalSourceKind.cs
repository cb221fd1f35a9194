using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary><c>local</c>: a file or directory of the project itself.</summary>
internal sealed class LocalSourceKind : ISourceKind
{
    public string Name => "local";

    public SourceTraits Traits => SourceTraits.ProjectLocal;

    public ISource Configure(MappingNode config, ISourceContext context)
    {
        config.ValidateKeys(["path"]);
        var path = ConfigValues.RequiredScalar(config, "path");
        return new LocalSource(ProjectPaths.Check(path), path.Provenance, context);
    }
}
