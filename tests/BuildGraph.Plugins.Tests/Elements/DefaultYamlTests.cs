using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests.Elements;

public class DefaultYamlTests
{
    private static readonly string[] PluginYamlSections =
        ["variables", "environment", "environment-nocache", "config", "public", "sandbox"];

    public static TheoryData<string> ElementKinds() => new(BuiltinKinds.Elements.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ElementKinds))]
    public void DefaultYaml_EveryKind_ParsesWithOnlyPluginSections(string kind)
    {
        var yaml = YamlLoader.LoadString(KindTest.Element(kind).DefaultYaml, $"plugins/{kind}.yaml");

        yaml.ValidateKeys(PluginYamlSections);
        foreach (var (_, value) in yaml.TryGetMapping("variables")?.Entries ?? [])
            Assert.IsType<ScalarNode>(value);
        foreach (var (_, value) in yaml.TryGetMapping("environment")?.Entries ?? [])
            Assert.IsType<ScalarNode>(value);
        yaml.GetStringList("environment-nocache");
    }

    [Theory]
    [MemberData(nameof(ElementKinds))]
    public void Configure_DefaultConfig_Succeeds(string kind)
    {
        var context = new FakeElementContext();
        var element = kind switch
        {
            "filter" => "kind: filter",
            "link" => "kind: link\nconfig:\n  target: other.bst",
            _ => $"kind: {kind}",
        };
        if (kind == "filter")
            context.With("base.bst", DependencyType.Build);

        var configured = KindTest.Configure(kind, element, context);

        Assert.NotNull(configured.GetUniqueKey());
    }

    [Theory]
    [InlineData("manual", "configure-commands", "build-commands", "install-commands", "strip-commands")]
    [InlineData("make", "build-commands", "install-commands", "strip-commands")]
    [InlineData("autotools", "configure-commands", "build-commands", "install-commands", "strip-commands")]
    [InlineData("cmake", "configure-commands", "build-commands", "install-commands", "strip-commands")]
    [InlineData("meson", "configure-commands", "build-commands", "install-commands", "strip-commands")]
    [InlineData("cargo", "configure-commands", "build-commands", "install-commands", "strip-commands")]
    public void DefaultYaml_BuildKinds_DefineTheExpectedCommandLists(string kind, params string[] lists)
    {
        var config = YamlLoader.LoadString(KindTest.Element(kind).DefaultYaml, "k.yaml").GetMapping("config");

        Assert.Equal(lists, config.Keys);
        Assert.Equal(["%{strip-binaries}"], config.GetStringList("strip-commands"));
    }

    [Fact]
    public void DefaultYaml_AutotoolsConfArgs_KeepFlagLinesJoinedByBackslashNewline()
    {
        var variables = YamlLoader.LoadString(KindTest.Element("autotools").DefaultYaml, "k.yaml").GetMapping("variables");

        var confArgs = variables.GetString("conf-args");

        Assert.StartsWith("--prefix=%{prefix} \\\n--exec-prefix=%{exec_prefix} \\\n", confArgs);
        Assert.EndsWith("--infodir=%{infodir} %{conf-global} %{conf-local}", confArgs);
        Assert.Equal("%{conf-cmd} %{conf-args}", variables.GetString("configure"));
    }

    [Theory]
    [InlineData("make", "MAKEFLAGS", "-j%{max-jobs}")]
    [InlineData("cmake", "JOBS", "-j%{max-jobs}")]
    [InlineData("meson", "JOBS", "%{max-jobs}")]
    [InlineData("cargo", "CARGO_BUILD_JOBS", "%{max-jobs}")]
    public void DefaultYaml_JobsVariable_IsSetAndKeptOutOfTheKey(string kind, string name, string value)
    {
        var yaml = YamlLoader.LoadString(KindTest.Element(kind).DefaultYaml, "k.yaml");

        Assert.Equal(value, yaml.GetMapping("environment").GetString(name));
        Assert.Contains(name, yaml.GetStringList("environment-nocache"));
    }

    [Fact]
    public void DefaultYaml_Cargo_BuildsOfflineAndInstallsIntoBindir()
    {
        var yaml = YamlLoader.LoadString(KindTest.Element("cargo").DefaultYaml, "k.yaml");
        var variables = yaml.GetMapping("variables");

        Assert.Equal("", variables.GetString("cargo-opts"));
        Assert.Equal("cargo build --release --locked --offline %{cargo-opts}", variables.GetString("cargo-build"));
        Assert.Contains("%{install-root}%{bindir}/", variables.GetString("cargo-install"));
        Assert.Equal("/tmp/cargo-home", yaml.GetMapping("environment").GetString("CARGO_HOME"));
    }
}
