using BuildGraph.Engine.Remotes;
using BuildGraph.Yaml;
using static BuildGraph.Engine.Tests.Loading.LoadAssert;

namespace BuildGraph.Engine.Tests.Remotes;

/// <summary>Remote cache specs as project.conf, the user configuration and the command line give them (format.md §9).</summary>
public sealed class RemoteSpecTests : IDisposable
{
    private readonly TestProject _project = TestProject.Copy("projectconf");

    public void Dispose() => _project.Dispose();

    [Fact]
    public void ProjectConf_FullSpec_IsReadWithPathsFromTheProject()
    {
        AppendToProjectConf("""
            artifacts:
            - url: https://cache.example.com:11002
              instance-name: main
              type: index
              push: true
              auth:
                server-cert: certs/server.crt
                client-cert: certs/client.crt
                client-key: certs/client.key
                access-token: token
              connection-config:
                keepalive-time: 30
                retry-limit: 5
                retry-delay: 250
                request-timeout: 60
            source-caches:
            - url: http://sources.example.com:11001
            """);
        var project = _project.Open().Project;

        var spec = Assert.Single(project.ArtifactRemotes);
        Assert.Equal("https://cache.example.com:11002", spec.Url);
        Assert.Equal("main", spec.InstanceName);
        Assert.Equal(RemoteType.Index, spec.Type);
        Assert.True(spec.Push);
        Assert.Equal(Path.Combine(_project.Directory, "certs/server.crt"), spec.ServerCert);
        Assert.Equal(Path.Combine(_project.Directory, "certs/client.key"), spec.ClientKey);
        Assert.Equal(Path.Combine(_project.Directory, "token"), spec.AccessToken);
        Assert.Equal((30, 5, 250, 60), (spec.KeepAliveSeconds, spec.RetryLimit, spec.RetryDelayMilliseconds, spec.RequestTimeoutSeconds));
        var source = Assert.Single(project.SourceCacheRemotes);
        Assert.Equal((RemoteType.All, false, ""), (source.Type, source.Push, source.InstanceName));
    }

    [Theory]
    [InlineData("- url: http://a:1\n  auth:\n    client-key: k\n", ErrorReason.InvalidData)]
    [InlineData("- url: http://a:1\n  type: everything\n", ErrorReason.InvalidData)]
    [InlineData("- url: ''\n", ErrorReason.InvalidData)]
    [InlineData("- url: ftp://a/\n", ErrorReason.InvalidData)]
    [InlineData("- url: http://a:1\n  pull: true\n", ErrorReason.UnexpectedKey)]
    [InlineData("- url: http://a:1\n  auth:\n    password: x\n", ErrorReason.UnexpectedKey)]
    [InlineData("- http://a:1\n", ErrorReason.InvalidData)]
    public void ProjectConf_BadSpec_IsLoadErrorInProjectConf(string list, ErrorReason reason)
    {
        AppendToProjectConf("artifacts:\n" + list);
        var e = Fails(reason, () => _project.Open());
        Assert.Equal("project.conf", e.Provenance?.File);
    }

    [Fact]
    public void UserConfig_ServersAndPerProject_AreRead()
    {
        var config = _project.UserConfig("""
            artifacts:
              override-project-caches: true
              servers:
              - url: http://global:1
                push: true
            projects:
              projectconf:
                source-caches:
                  servers:
                  - url: http://mine:2
            """);
        Assert.True(config.Artifacts.OverrideProjectCaches);
        Assert.Equal("http://global:1", Assert.Single(config.Artifacts.Servers).Url);
        Assert.Equal("http://mine:2", Assert.Single(config.ProjectSourceCaches("projectconf").Servers).Url);
        Assert.Empty(config.ProjectArtifacts("projectconf").Servers);
    }

    [Fact]
    public void UserConfig_UnknownKeyInCacheSection_IsUnexpectedKey() =>
        Fails(ErrorReason.UnexpectedKey, () => _project.UserConfig("artifacts:\n  url: http://a:1\n"));

    [Fact]
    public void Parse_PlainUrl_MayPush()
    {
        var spec = RemoteSpec.Parse("http://cache:1");
        Assert.Equal(("http://cache:1", true, RemoteType.All), (spec.Url, spec.Push, spec.Type));
        Assert.False(RemoteSpec.Parse("http://cache:1", pullOnly: true).Push);
    }

    [Fact]
    public void Parse_KeyValueList_SetsEachKey()
    {
        var spec = RemoteSpec.Parse("url=https://cache:1,type=storage,push=false,instance-name=a/b,access-token=/etc/token");
        Assert.Equal(("https://cache:1", RemoteType.Storage, false, "a/b", "/etc/token"),
            (spec.Url, spec.Type, spec.Push, spec.InstanceName, spec.AccessToken));
    }

    [Theory]
    [InlineData("type=index")]
    [InlineData("url=http://a:1,colour=red")]
    [InlineData("url=http://a:1,push=maybe")]
    [InlineData("not a url")]
    public void Parse_Bad_IsLoadError(string text) => Assert.Throws<LoadException>(() => RemoteSpec.Parse(text));

    [Fact]
    public void Parse_PushKeyForPullOnly_IsLoadError() =>
        Assert.Throws<LoadException>(() => RemoteSpec.Parse("url=http://a:1,push=true", pullOnly: true));

    private void AppendToProjectConf(string text) => _project.Write("project.conf", _project.Read("project.conf") + "\n" + text + "\n");
}
