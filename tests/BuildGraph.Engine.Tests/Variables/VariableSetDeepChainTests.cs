using System.Text;
using BuildGraph.Engine.Variables;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Tests.Variables;

public class VariableSetDeepChainTests
{
    private const int Depth = 5000;

    // v0 refers to v1, ..., v4999 is a literal: the worst order for a recursive resolver.
    private static MappingNode Chain(bool closeCycle)
    {
        var mapping = new MappingNode(Provenance.Unknown("test.bst"));
        for (var i = 0; i < Depth; i++)
        {
            var value = i < Depth - 1 ? $"%{{v{i + 1}}}." : closeCycle ? "%{v0}" : "end";
            mapping.Set($"v{i}", new ScalarNode(value, new Provenance("test.bst", i + 1, 5)));
        }
        return mapping;
    }

    [Fact]
    public void Resolve_FiveThousandDeepChain_Resolves()
    {
        var vars = VariableSet.Resolve(Chain(closeCycle: false));

        Assert.Equal("end" + new string('.', Depth - 1), vars["v0"]);
        Assert.Equal("end.", vars[$"v{Depth - 2}"]);
    }

    [Fact]
    public void Resolve_FiveThousandDeepCycle_ThrowsCircular()
    {
        var e = Assert.Throws<LoadException>(() => VariableSet.Resolve(Chain(closeCycle: true)));

        Assert.Equal(ErrorReason.CircularReferenceVariable, e.Reason);
        Assert.Equal(new Provenance("test.bst", 1, 5), e.Provenance);
    }

    [Fact]
    public void Resolve_DeepChainFromYaml_Resolves()
    {
        var yaml = new StringBuilder();
        for (var i = Depth - 1; i > 0; i--)
            yaml.Append($"v{i}: \"%{{v{i - 1}}}x\"\n");
        yaml.Append("v0: start\n");

        var vars = VariableSet.Resolve(YamlLoader.LoadString(yaml.ToString(), "test.bst"));

        Assert.Equal("start" + new string('x', Depth - 1), vars[$"v{Depth - 1}"]);
    }
}
