using System.CommandLine;
using BuildGraph.Engine.Remotes;

namespace BuildGraph.Cli.Remotes;

/// <summary>
/// bst's remote options: <c>--artifact-remote</c> and <c>--source-remote</c> (a URL, or
/// <c>url=…,type=…,push=…,instance-name=…,server-cert=…,client-cert=…,client-key=…,access-token=…</c>;
/// repeatable), and <c>--ignore-project-artifact-remotes</c> / <c>--ignore-project-source-remotes</c>.
/// </summary>
internal sealed class RemoteOptions
{
    private readonly bool _pullOnly;

    /// <param name="artifacts">Offer the artifact options.</param>
    /// <param name="sources">Offer the source options.</param>
    /// <param name="pullOnly">Remotes given here are only read from (<c>push</c> is refused).</param>
    public RemoteOptions(bool artifacts, bool sources, bool pullOnly = false)
    {
        _pullOnly = pullOnly;
        if (artifacts)
        {
            ArtifactRemote = new Option<string[]>("--artifact-remote", "--remote")
            {
                Description = "A remote artifact cache to use instead of the configured ones (URL or url=…,push=…,type=…); repeatable",
                Arity = ArgumentArity.OneOrMore,
                AllowMultipleArgumentsPerToken = false,
            };
            IgnoreProjectArtifactRemotes = new Option<bool>("--ignore-project-artifact-remotes")
            {
                Description = "Ignore the remote artifact caches that projects recommend",
            };
        }
        if (sources)
        {
            SourceRemote = new Option<string[]>("--source-remote")
            {
                Description = "A remote source cache to use instead of the configured ones; repeatable",
                Arity = ArgumentArity.OneOrMore,
                AllowMultipleArgumentsPerToken = false,
            };
            IgnoreProjectSourceRemotes = new Option<bool>("--ignore-project-source-remotes")
            {
                Description = "Ignore the remote source caches that projects recommend",
            };
        }
    }

    public Option<string[]>? ArtifactRemote { get; }
    public Option<bool>? IgnoreProjectArtifactRemotes { get; }
    public Option<string[]>? SourceRemote { get; }
    public Option<bool>? IgnoreProjectSourceRemotes { get; }

    public void AddTo(Command command)
    {
        foreach (var option in new Option?[] { ArtifactRemote, IgnoreProjectArtifactRemotes, SourceRemote, IgnoreProjectSourceRemotes })
        {
            if (option is not null)
                command.Options.Add(option);
        }
    }

    public RemoteOverrides Read(ParseResult parse) => new(
        Specs(parse, ArtifactRemote),
        Specs(parse, SourceRemote),
        IgnoreProjectArtifactRemotes is not null && parse.GetValue(IgnoreProjectArtifactRemotes),
        IgnoreProjectSourceRemotes is not null && parse.GetValue(IgnoreProjectSourceRemotes));

    private List<RemoteSpec> Specs(ParseResult parse, Option<string[]>? option) =>
        option is null ? [] : (parse.GetValue(option) ?? []).Select(text => RemoteSpec.Parse(text, _pullOnly)).ToList();
}
