using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary><c>tar</c>: a downloaded archive, unpacked below its <c>base-dir</c>.</summary>
internal sealed class TarSourceKind : ISourceKind
{
    public string Name => "tar";

    public SourceTraits Traits => SourceTraits.None;

    public ISource Configure(MappingNode config, ISourceContext context)
    {
        config.ValidateKeys([.. DownloadableFile.Keys, "base-dir"]);
        var file = DownloadableFile.Read(Name, config, context);
        // '*' strips the single top directory whatever its name; '' keeps the archive's layout.
        var baseDir = ConfigValues.OptionalScalar(config, "base-dir")?.Value ?? "*";
        return new TarSource(file, baseDir);
    }
}
