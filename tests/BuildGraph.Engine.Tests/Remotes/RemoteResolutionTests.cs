using BuildGraph.Engine.Remotes;

namespace BuildGraph.Engine.Tests.Remotes;

/// <summary>
/// Which remotes a project uses, as BuildStream 2 decides: command line, else the user's per-project
/// list, else the user's global list; then the projects' recommendations unless overridden.
/// </summary>
public sealed class RemoteResolutionTests : IDisposable
{
    private readonly TestProject _project = TestProject.Copy("projectconf");

    public RemoteResolutionTests() =>
        _project.Write("project.conf", _project.Read("project.conf") + "\nartifacts:\n- url: http://recommended:1\nsource-caches:\n- url: http://recommended:2\n");

    public void Dispose() => _project.Dispose();

    [Theory]
    [InlineData("", "http://recommended:1")]
    [InlineData("artifacts:\n  servers:\n  - url: http://global:1\n", "http://global:1 http://recommended:1")]
    [InlineData("artifacts:\n  servers:\n  - url: http://global:1\nprojects:\n  projectconf:\n    artifacts:\n      servers:\n      - url: http://mine:1\n",
        "http://mine:1 http://recommended:1")]
    [InlineData("artifacts:\n  override-project-caches: true\n  servers:\n  - url: http://global:1\n", "http://global:1")]
    [InlineData("projects:\n  projectconf:\n    artifacts:\n      override-project-caches: true\n", "")]
    [InlineData("artifacts:\n  servers:\n  - url: http://recommended:1\n", "http://recommended:1")]
    public void ArtifactSpecs_FromConfiguration(string userConfig, string expected)
    {
        var session = _project.Open(userConfig);
        using var remotes = new RemoteCaches(session.UserConfig, _ => throw new InvalidOperationException("no connection expected"));
        Assert.Equal(expected, Urls(remotes.ArtifactSpecs(session.Project)));
        Assert.Equal("http://recommended:2", Urls(remotes.SourceSpecs(session.Project)));
    }

    [Fact]
    public void CommandLineRemotes_ReplaceTheUsersAndMayDropTheProjects()
    {
        var session = _project.Open("artifacts:\n  servers:\n  - url: http://global:1\n");
        var cli = new[] { RemoteSpec.Parse("http://cli:1") };
        using var replacing = new RemoteCaches(session.UserConfig, _ => throw new InvalidOperationException(), new RemoteOverrides(cli, []));
        using var ignoring = new RemoteCaches(session.UserConfig, _ => throw new InvalidOperationException(),
            new RemoteOverrides(cli, [], IgnoreProjectArtifactRemotes: true));

        Assert.Equal("http://cli:1 http://recommended:1", Urls(replacing.ArtifactSpecs(session.Project)));
        Assert.Equal("http://cli:1", Urls(ignoring.ArtifactSpecs(session.Project)));
        Assert.Equal("http://recommended:2", Urls(ignoring.SourceSpecs(session.Project)));
        Assert.True(replacing.HasArtifactRemotes(session.Project, push: true));
        Assert.False(replacing.HasSourceRemotes(session.Project, push: true));
    }

    [Fact]
    public void Subproject_GetsItsParentsRecommendationsFirst()
    {
        using var project = TestProject.Copy("junctions");
        project.Write("project.conf", project.Read("project.conf") + "\nartifacts:\n- url: http://top:1\n");
        project.Write("subproject/project.conf", project.Read("subproject/project.conf") + "\nartifacts:\n- url: http://sub:1\n");
        var session = project.Open();
        var lib = session.Load(["app.bst"]).InDependencyOrder.First(e => e.FullName == "sub.bst:lib.bst");
        using var remotes = new RemoteCaches(session.UserConfig, _ => throw new InvalidOperationException());

        Assert.Equal("http://top:1 http://sub:1", Urls(remotes.ArtifactSpecs(lib.Project)));
        Assert.Equal("http://top:1", Urls(remotes.ArtifactSpecs(session.Project)));
    }

    private static string Urls(IEnumerable<RemoteSpec> specs) => string.Join(' ', specs.Select(s => s.Url));
}
