using BuildGraph.Abstractions;
using BuildGraph.Testing;

namespace BuildGraph.Plugins.Tests.Sources.Support;

/// <summary>
/// Tests of a git source kind against an upstream repository made in the test, reached through the
/// alias <c>up:</c> (the source's url is <c>up:upstream</c>).
/// </summary>
public abstract class UpstreamGitTests : IDisposable
{
    private readonly string _kind;

    private protected UpstreamGitTests(string kind)
    {
        _kind = kind;
        Context = new FakeSourceContext { SourceDirectory = Path.Combine(Temp.Path, "sources") };
        Upstream = new GitRepo(Path.Combine(Temp.Path, "upstream"));
        Context.Aliases["up"] = new Uri(Temp.Path).AbsoluteUri + "/";
    }

    private protected TempDirectory Temp { get; } = new();

    private protected FakeSourceContext Context { get; }

    private protected GitRepo Upstream { get; }

    public void Dispose()
    {
        Temp.Dispose();
        GC.SuppressFinalize(this);
    }

    private protected ISource Configure(string yaml) => KindTest.ConfigureSource(_kind, "url: up:upstream\n" + yaml, Context);
}
