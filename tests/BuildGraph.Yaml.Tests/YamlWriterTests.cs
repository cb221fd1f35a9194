using BuildGraph.Yaml;

namespace BuildGraph.Yaml.Tests;

public class YamlWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "''")]
    [InlineData("8", "'8'")]
    [InlineData("false", "'false'")]
    [InlineData("%{x}", "'%{x}'")]
    [InlineData("a: b", "'a: b'")]
    [InlineData("it's", "it's")]
    [InlineData("two\nlines", "\"two\\nlines\"")]
    [InlineData("/usr/bin", "/usr/bin")]
    public void Quote_QuotesOnlyWhatWouldReadBackDifferently(string value, string expected)
    {
        Assert.Equal(expected, YamlWriter.Quote(value));
    }

    [Fact]
    public void Write_NestedStructure_RoundTrips()
    {
        const string text = "a: '1'\nb:\n  c:\n  - x\n  - k: v\n    l: w\nd: []\ne: {}\n";
        var node = YamlLoader.LoadString(text, "x.yml");
        var written = YamlWriter.Write(node);
        Assert.Equal(text, written);
        var reread = YamlLoader.LoadString(written, "y.yml");
        Assert.Equal("w", ((MappingNode)reread.GetMapping("b").TryGetSequence("c")!.Items[1]).GetString("l"));
    }
}
