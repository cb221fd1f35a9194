using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests.Elements;

public class ScriptElementKindTests
{
    [Fact]
    public void GetUniqueKey_WithLocations_HoldsCommandsCwdInstallRootLayoutAndReadOnly()
    {
        var context = new FakeElementContext()
            .With("base.bst", DependencyType.Build)
            .With("image-tools.bst", DependencyType.Build, 0, "location: /tools");
        context.Variables["cwd"] = "/work";
        context.Variables["install-root"] = "/buildstream-install";

        var element = KindTest.Configure("script", """
            kind: script
            config:
              commands:
              - mkdir -p %{install-root}/out
            """, context);

        var expected = JsonNode.Parse("""
            {"commands": {"commands": ["mkdir -p %{install-root}/out"]},
             "cwd": "/work", "install-root": "/buildstream-install",
             "layout": {"/": ["base.bst"], "/tools": ["image-tools.bst"]},
             "root-read-only": false}
            """);
        Assert.True(JsonNode.DeepEquals(expected, element.GetUniqueKey()), element.GetUniqueKey().ToJsonString());
        Assert.Equal("commands", Assert.Single(element.Commands).Name);
    }

    [Fact]
    public void GetUniqueKey_NoCwdVariable_UsesRoot()
    {
        var key = KindTest.Configure("script", "kind: script").GetUniqueKey();

        Assert.Equal("/", key["cwd"]!.GetValue<string>());
        Assert.Equal("/", key["install-root"]!.GetValue<string>());
        Assert.Empty(key["layout"]!.AsObject());
    }

    [Fact]
    public void Configure_DigestEnvironmentOnScriptDependency_FailsAtTheKey()
    {
        var context = new FakeElementContext().With("a.bst", DependencyType.Build, 0, "digest-environment: X");

        var e = Assert.Throws<LoadException>(() => KindTest.Configure("script", "kind: script", context));

        KindTest.AssertAt(e, ErrorReason.UnexpectedKey, 1, 1);
    }
}
