using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary><c>remote</c>: one downloaded file, staged under <c>filename</c>.</summary>
internal sealed class RemoteSourceKind : ISourceKind
{
    public string Name => "remote";

    public SourceTraits Traits => SourceTraits.None;

    public ISource Configure(MappingNode config, ISourceContext context)
    {
        config.ValidateKeys([.. DownloadableFile.Keys, "filename", "executable"]);
        var file = DownloadableFile.Read(Name, config, context);
        var filenameNode = ConfigValues.OptionalScalar(config, "filename");
        // Defaults to the last component of the URL as fetched (after alias translation).
        var filename = filenameNode?.Value ?? file.TranslatedUrl[(file.TranslatedUrl.LastIndexOf('/') + 1)..];
        if (filename.Contains('/'))
            throw new LoadException(ErrorReason.InvalidData, filenameNode?.Provenance ?? config.Provenance,
                $"The filename '{filename}' cannot contain directories",
                "Use the source's directory key to stage it in a subdirectory.");
        return new RemoteSource(file, filename, config.GetBool("executable", false));
    }
}
