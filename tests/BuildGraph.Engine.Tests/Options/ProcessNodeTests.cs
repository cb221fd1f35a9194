using BuildGraph.Engine.Options;
using BuildGraph.Yaml;
using static BuildGraph.Engine.Tests.Options.OptionsTestData;

namespace BuildGraph.Engine.Tests.Options;

public class ProcessNodeTests
{
    private const string Options = """
        debug:
          type: bool
          description: Debug
          default: True
        arch:
          type: enum
          description: Arch
          values: [x86_64, aarch64]
          default: x86_64
        backends:
          type: flags
          description: Backends
          values: [x11, wayland]
          default: [x11]
        """;

    private static MappingNode Process(string yaml, IReadOnlyCollection<string>? restricted = null)
    {
        var node = ParseYaml(yaml);
        Resolved(Options).ProcessNode(node, restricted);
        return node;
    }

    [Fact]
    public void ProcessNode_TrueBranch_ComposedAndConditionalsRemoved()
    {
        var node = Process("""
            variables:
              go-arch: unknown
              (?):
              - arch == "x86_64":
                  go-arch: amd64
              - arch == "aarch64":
                  go-arch: arm64
            """);
        var variables = node.GetMapping("variables");
        Assert.Equal("amd64", variables.GetString("go-arch"));
        Assert.False(variables.ContainsKey("(?)"));
    }

    [Fact]
    public void ProcessNode_FalseBranchOnly_LeavesValues()
    {
        var node = Process("cflags: -O2\n(?):\n- not debug:\n    cflags: -O3");
        Assert.Equal("-O2", node.GetString("cflags"));
        Assert.Equal(["cflags"], node.Keys);
    }

    [Fact]
    public void ProcessNode_ConditionalBeforeSibling_StillWins()
    {
        var node = Process("(?):\n- debug:\n    cflags: -O0\ncflags: -O2");
        Assert.Equal("-O0", node.GetString("cflags"));
    }

    [Fact]
    public void ProcessNode_SeveralTrueBranches_LaterWins()
    {
        var node = Process("""
            (?):
            - debug:
                level: one
                only-first: yes
            - "'x11' in backends":
                level: two
            - (debug and "x11" in backends):
                level: three
            """);
        Assert.Equal("three", node.GetString("level"));
        Assert.Equal("yes", node.GetString("only-first"));
    }

    [Fact]
    public void ProcessNode_BranchWithNestedMapping_MergesPerKey()
    {
        var node = Process("""
            config:
              a: 1
              b: 2
            (?):
            - debug:
                config:
                  b: 3
                  c: 4
            """);
        var config = node.GetMapping("config");
        Assert.Equal(["a", "b", "c"], config.Keys);
        Assert.Equal("3", config.GetString("b"));
    }

    [Fact]
    public void ProcessNode_BranchWithListDirective_AppendsToList()
    {
        var node = Process("""
            commands: [make]
            (?):
            - debug:
                commands:
                  (>): [make check]
            """);
        Assert.Equal(["make", "make check"], node.GetStringList("commands"));
    }

    [Fact]
    public void ProcessNode_BranchAddingConditionals_ResolvesThemToo()
    {
        var node = Process("""
            (?):
            - debug:
                level: debug
                (?):
                - arch == 'x86_64':
                    level: debug-x86
                    (?):
                    - "'wayland' in backends":
                        level: wayland
            """);
        Assert.Equal("debug-x86", node.GetString("level"));
        Assert.False(node.ContainsKey("(?)"));
    }

    [Fact]
    public void ProcessNode_TwoBranchesAddingConditionals_BothResolvedInOrder()
    {
        var node = Process("""
            (?):
            - debug:
                (?):
                - debug:
                    first: a
                    both: a
            - arch == 'x86_64':
                (?):
                - debug:
                    second: b
                    both: b
            """);
        Assert.Equal("a", node.GetString("first"));
        Assert.Equal("b", node.GetString("second"));
        Assert.Equal("b", node.GetString("both"));
    }

    [Fact]
    public void ProcessNode_NestedMappingsAndLists_AllResolved()
    {
        var node = Process("""
            sources:
            - kind: git
              (?):
              - debug:
                  track: debug-branch
            - - (?):
                - debug:
                    deep: yes
            config:
              inner:
                (?):
                - debug:
                    x: y
            """);
        var sources = node.TryGetSequence("sources")!;
        Assert.Equal("debug-branch", ((MappingNode)sources.Items[0]).GetString("track"));
        var nested = (SequenceNode)sources.Items[1];
        Assert.Equal("yes", ((MappingNode)nested.Items[0]).GetString("deep"));
        Assert.Equal("y", node.GetMapping("config").GetMapping("inner").GetString("x"));
    }

    [Fact]
    public void ProcessNode_ConditionalInsideBranchSubmapping_Resolved()
    {
        var node = Process("""
            (?):
            - debug:
                config:
                  (?):
                  - arch == 'aarch64':
                      x: arm
                  - arch == 'x86_64':
                      x: intel
            """);
        Assert.Equal("intel", node.GetMapping("config").GetString("x"));
    }

    [Fact]
    public void ProcessNode_AssertionInTrueBranch_ThrowsUserAssertionAtMessage() =>
        AssertError(ErrorReason.UserAssertion, 4, 10, () => Process("""
            kind: manual
            (?):
            - arch == 'x86_64':
                (!): x86_64 is not supported
            """));

    [Fact]
    public void ProcessNode_AssertionInFalseBranch_Ignored() =>
        Assert.Equal("manual", Process("kind: manual\n(?):\n- not debug:\n    (!): debug builds only").GetString("kind"));

    [Fact]
    public void ProcessNode_AssertionInNestedMapping_Throws() =>
        AssertError(ErrorReason.UserAssertion, 3, 10, () => Process("config:\n  inner:\n    (!): |\n      multi-line message\n"));

    [Fact]
    public void ProcessNode_AssertionNotAString_ThrowsInvalidData() =>
        AssertError(ErrorReason.InvalidData, 1, 6, () => Process("(!): [a]"));

    [Fact]
    public void ProcessNode_ConditionalWithTwoKeys_ThrowsInvalidDataAtCondition() =>
        AssertError(ErrorReason.InvalidData, 3, 3, () => Process("""
            (?):
            - debug: {a: b}
            - debug: {a: b}
              arch == 'x86_64': {a: c}
            """));

    [Fact]
    public void ProcessNode_ConditionalNotAMapping_ThrowsInvalidData() =>
        AssertError(ErrorReason.InvalidData, 2, 3, () => Process("(?):\n- debug"));

    [Fact]
    public void ProcessNode_ConditionalsNotAList_ThrowsInvalidData() =>
        AssertError(ErrorReason.InvalidData, 2, 3, () => Process("(?):\n  debug: {a: b}"));

    [Fact]
    public void ProcessNode_BranchNotAMapping_ThrowsIllegalCompositeAtCondition() =>
        AssertError(ErrorReason.IllegalComposite, 3, 3, () => Process("(?):\n- debug: {a: b}\n- not debug: [a, b]"));

    [Theory]
    [InlineData("undefined_option")]
    [InlineData("debug ==")]
    [InlineData("'x' in debug")]
    public void ProcessNode_BadExpression_ThrowsInvalidExpressionAtCondition(string expression) =>
        AssertError(ErrorReason.InvalidExpression, 4, 5,
            () => Process($"variables:\n  (?):\n  - debug: {{a: b}}\n  - \"{expression}\":\n      a: c"));

    [Fact]
    public void ProcessNode_RestrictedKeyInBranch_ThrowsIllegalCompositeAtValue() =>
        AssertError(ErrorReason.IllegalComposite, 3, 11,
            () => Process("(?):\n- not debug:\n    name: other", restricted: ["name", "options"]));

    [Fact]
    public void ProcessNode_RestrictedKeyBelowTop_Allowed()
    {
        var node = Process("variables:\n  (?):\n  - debug:\n      name: other", restricted: ["name"]);
        Assert.Equal("other", node.GetMapping("variables").GetString("name"));
    }

    [Fact]
    public void ProcessNode_ComposedBranch_KeepsBranchProvenance()
    {
        var node = Process("x: 1\n(?):\n- debug:\n    x: 2");
        Assert.Equal(new Provenance("test.bst", 4, 8), node["x"]!.Provenance);
    }
}
