using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests.Elements;

public class BuildElementKindTests
{
    [Fact]
    public void GetUniqueKey_ManualDefaults_HoldsTheFourCommandLists()
    {
        var key = KindTest.Configure("manual", "kind: manual").GetUniqueKey();

        var expected = JsonNode.Parse("""
            {"configure-commands": [], "build-commands": [], "install-commands": [],
             "strip-commands": ["%{strip-binaries}"]}
            """);
        Assert.True(JsonNode.DeepEquals(expected, key), key.ToJsonString());
    }

    [Fact]
    public void GetUniqueKey_MakeWithoutConfigureList_HasAnEmptyConfigureList()
    {
        var key = KindTest.Configure("make", "kind: make").GetUniqueKey();

        Assert.Empty(key["configure-commands"]!.AsArray());
        Assert.Equal("%{make}", key["build-commands"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Commands_Autotools_ExposesPhasesInRunOrder()
    {
        var element = KindTest.Configure("autotools", "kind: autotools");

        Assert.Equal(["configure-commands", "build-commands", "install-commands", "strip-commands"],
            element.Commands.Select(c => c.Name));
        Assert.Equal(["%{autogen}", "%{configure}"], element.Commands[0].Commands);
        Assert.Equal(["%{make-install}", "%{delete-libtool-archives}"], element.Commands[2].Commands);
    }

    [Fact]
    public void Configure_DirectiveAppend_ComposesOntoDefaults()
    {
        var element = KindTest.Configure("cmake", """
            kind: cmake
            config:
              install-commands:
                (>):
                - rm -rf %{install-root}%{datadir}/doc
            """);

        Assert.Equal(["%{make-install}", "rm -rf %{install-root}%{datadir}/doc"], element.Commands[2].Commands);
    }

    [Fact]
    public void Configure_CommandListWithMapping_FailsAtTheItem()
    {
        var e = Assert.Throws<LoadException>(() => KindTest.Configure("manual", """
            kind: manual
            config:
              build-commands:
              - a: b
            """));

        KindTest.AssertAt(e, ErrorReason.InvalidData, 4, 5);
    }

    [Fact]
    public void GetUniqueKey_CommandSubdirSet_EntersTheKey()
    {
        var context = new FakeElementContext();
        context.Variables["command-subdir"] = "src";

        var key = KindTest.Configure("manual", "kind: manual", context).GetUniqueKey();

        Assert.Equal("src", key["command-subdir"]!.GetValue<string>());
    }

    [Fact]
    public void GetUniqueKey_CommandSubdirEmpty_StaysOut()
    {
        var context = new FakeElementContext();
        context.Variables["command-subdir"] = "";

        var key = KindTest.Configure("manual", "kind: manual", context).GetUniqueKey().AsObject();

        Assert.False(key.ContainsKey("command-subdir"));
    }

    [Theory]
    [InlineData("True")]
    [InlineData("False")]
    public void GetUniqueKey_NotparallelAnyText_MarksTheKey(string value)
    {
        var context = new FakeElementContext();
        context.Variables["notparallel"] = value;

        var key = KindTest.Configure("make", "kind: make", context).GetUniqueKey();

        Assert.True(key["notparallel"]!.GetValue<bool>());
    }

    [Fact]
    public void GetUniqueKey_AllDependenciesAtRoot_HasNoLayout()
    {
        var context = new FakeElementContext()
            .With("a.bst", DependencyType.All)
            .With("b.bst", DependencyType.Build, 0, "location: /");

        var key = KindTest.Configure("manual", "kind: manual", context).GetUniqueKey().AsObject();

        Assert.False(key.ContainsKey("layout"));
    }

    [Fact]
    public void GetUniqueKey_DependencyElsewhere_AddsSortedLayoutOfBuildDependencies()
    {
        var context = new FakeElementContext()
            .With("sysroot.bst", DependencyType.Build, 0, "location: /sysroot")
            .With("tools.bst", DependencyType.All)
            .With("run.bst", DependencyType.Runtime)
            .With("both.bst", DependencyType.Build, 0, "location: /sysroot", "location: /")
            .With("abs.bst", DependencyType.Build, 0, "location: /abs");

        var key = KindTest.Configure("manual", "kind: manual", context).GetUniqueKey();

        var expected = JsonNode.Parse("""
            {"/": ["tools.bst", "both.bst"], "/abs": ["abs.bst"], "/sysroot": ["sysroot.bst", "both.bst"]}
            """);
        Assert.True(JsonNode.DeepEquals(expected, key["layout"]), key["layout"]!.ToJsonString());
        Assert.Equal(["/", "/abs", "/sysroot"], key["layout"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void GetUniqueKey_DigestEnvironment_AddsKeyWithBuildStreamSpelling()
    {
        var context = new FakeElementContext()
            .With("b.bst", DependencyType.Build, 0, "digest-environment: B_DIGEST")
            .With("a.bst", DependencyType.Build, 0, "digest-environment: A_DIGEST");

        var key = KindTest.Configure("manual", "kind: manual", context).GetUniqueKey();

        var expected = JsonNode.Parse("""{"A_DIGEST": ["a.bst"], "B_DIGEST": ["b.bst"]}""");
        Assert.True(JsonNode.DeepEquals(expected, key["digest-enviornment"]));
    }

    [Fact]
    public void Configure_DependencyConfigUnknownKey_FailsAtTheKey()
    {
        var context = new FakeElementContext().With("a.bst", DependencyType.Build, 0, "location: /x\nstrict: true");

        var e = Assert.Throws<LoadException>(() => KindTest.Configure("manual", "kind: manual", context));

        KindTest.AssertAt(e, ErrorReason.UnexpectedKey, 2, 1);
    }

    [Fact]
    public void Configure_RuntimeOnlyDependencyWithConfig_FailsAtTheConfig()
    {
        var context = new FakeElementContext().With("a.bst", DependencyType.Runtime, 0, "location: /x");

        var e = Assert.Throws<LoadException>(() => KindTest.Configure("make", "kind: make", context));

        KindTest.AssertAt(e, ErrorReason.InvalidDependencyConfig, 1, 1);
    }

    [Fact]
    public void Traits_BuildKinds_RunCommands()
    {
        foreach (var kind in new[] { "manual", "make", "autotools", "cmake", "meson", "cargo" })
        {
            Assert.Equal(ElementTraits.RunsCommands, KindTest.Element(kind).Traits);
            Assert.Equal(0, KindTest.Element(kind).Version);
        }
    }
}
