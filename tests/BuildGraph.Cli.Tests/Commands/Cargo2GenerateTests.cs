using BuildGraph.Yaml;

namespace BuildGraph.Cli.Tests.Commands;

/// <summary><c>bgx cargo2 generate</c>: a cargo2 source block from a Cargo.lock, no project needed.</summary>
public sealed class Cargo2GenerateTests : IDisposable
{
    private const string ShaA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string ShaB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bgx-cargo2-generate-" + Guid.NewGuid().ToString("N"));

    public Cargo2GenerateTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteLock(string text)
    {
        var path = Path.Combine(_dir, "Cargo.lock");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Generate_Lock_PrintsASourceBlockThatReadsBackWithSortedEntries()
    {
        var lockPath = WriteLock($"""
            version = 3

            [[package]]
            name = "app"
            version = "0.1.0"

            [[package]]
            name = "zeta"
            version = "1.0"
            source = "registry+https://github.com/rust-lang/crates.io-index"
            checksum = "{ShaB}"

            [[package]]
            name = "alpha"
            version = "0.2.0"
            source = "registry+https://github.com/rust-lang/crates.io-index"
            checksum = "{ShaA}"
            """);

        var result = TestProject.RunRaw("cargo2", "generate", "--url", "crates:crates", "--vendor-dir", "vendor", lockPath).AssertSuccess();

        var block = YamlLoader.LoadString("sources:\n" + result.Stdout, "generated.yaml").TryGetSequence("sources")!;
        var source = Assert.IsType<MappingNode>(Assert.Single(block.Items));
        Assert.Equal("cargo2", source.GetString("kind"));
        Assert.Equal("crates:crates", source.GetString("url"));
        Assert.Equal("vendor", source.GetString("vendor-dir"));
        Assert.False(source.ContainsKey("cargo-lock"));
        var entries = source.TryGetSequence("ref")!.Items.Cast<MappingNode>().ToList();
        Assert.Equal(["alpha", "zeta"], entries.Select(e => e.GetString("name")));
        Assert.Equal("1.0", entries[1].GetString("version"));
        Assert.Equal(ShaA, entries[0].GetString("sha"));
        Assert.Equal("registry", entries[0].GetString("kind"));
    }

    [Fact]
    public void Generate_RegistryPackageWithoutChecksum_IsAUserError()
    {
        var lockPath = WriteLock("[[package]]\nname = \"x\"\nversion = \"1.0.0\"\nsource = \"registry+https://example.org/index\"\n");

        TestProject.RunRaw("cargo2", "generate", lockPath).AssertUserError();
    }

    [Fact]
    public void Generate_MissingLock_IsAUserError()
    {
        TestProject.RunRaw("cargo2", "generate", Path.Combine(_dir, "nope.lock")).AssertUserError();
    }
}
