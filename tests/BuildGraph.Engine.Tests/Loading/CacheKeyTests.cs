using BuildGraph.Engine.Graph;

namespace BuildGraph.Engine.Tests.Loading;

/// <summary>
/// What enters cache keys and what does not (format.md §10), on a loaded project; golden keys after
/// BuildStream's tests/cachekey/cachekey.py.
/// </summary>
public class CacheKeyTests : IDisposable
{
    private static readonly string[] All = ["base.bst", "lib.bst", "app.bst", "unrelated.bst", "strict-user.bst", "loose-user.bst"];

    private readonly TestProject _project = TestProject.Copy("cachekeys");

    public void Dispose() => _project.Dispose();

    private Dictionary<string, Element> LoadAll(string userConfig = "") =>
        _project.Open(userConfig).Load(All).InDependencyOrder.ToDictionary(e => e.FullName);

    private Dictionary<string, string> Keys(string userConfig = "") =>
        LoadAll(userConfig).ToDictionary(p => p.Key, p => p.Value.CacheKey!);

    /// <summary>
    /// The exact keys of three elements. A deliberate change of the key format (ingredients, their
    /// serialisation, CoreArtifactVersion, a kind's default YAML or unique key) must update these; any
    /// other change that moves them is a bug, since it would invalidate every cached artifact.
    /// </summary>
    [Fact]
    public void Keys_FixtureProject_MatchGoldenValues()
    {
        var keys = Keys();

        Assert.Equal("4dda0c27c0afee0b5fe431d586dbee65d31457c86f074d333dbcaa9dd183d484", keys["base.bst"]);
        Assert.Equal("72ba6aaaf8950bd78cf83d8aed18865406d67cc114bfe286a6a1f943cf780dfc", keys["lib.bst"]);
        Assert.Equal("139b1a17d770fed07eb2af517029374cdb837b92c9a88a62184012189664ff5d", keys["app.bst"]);
    }

    [Fact]
    public void Keys_SameProjectLoadedTwice_AreEqualAndWellFormed()
    {
        var first = LoadAll();
        var second = LoadAll();

        foreach (var name in All)
        {
            Assert.Matches("^[0-9a-f]{64}$", first[name].CacheKey);
            Assert.Matches("^[0-9a-f]{64}$", first[name].WeakKey);
            Assert.Equal(first[name].CacheKey, second[name].CacheKey);
            Assert.Equal(first[name].WeakKey, second[name].WeakKey);
        }
        Assert.Equal(All.Length, first.Values.Select(e => e.CacheKey).Distinct().Count());
    }

    [Theory]
    [InlineData("elements/lib.bst", "echo building", "echo compiling")]
    [InlineData("elements/lib.bst", "lib-flag: -O2", "lib-flag: -O3")]
    [InlineData("elements/lib.bst", "LIB_ENV: one", "LIB_ENV: two")]
    [InlineData("elements/lib.bst", "public-value: one", "public-value: two")]
    [InlineData("elements/lib.bst", "kind: manual", "kind: manual\nsandbox:\n  build-uid: 1000")]
    [InlineData("files/lib.txt", "lib source", "lib source, edited")]
    public void Change_InLib_ChangesLibAndReverseDependenciesOnly(string file, string oldText, string newText)
    {
        var before = Keys();
        _project.Replace(file, oldText, newText);

        var after = Keys();

        Assert.NotEqual(before["lib.bst"], after["lib.bst"]);
        Assert.NotEqual(before["app.bst"], after["app.bst"]);
        Assert.Equal(before["base.bst"], after["base.bst"]);
        Assert.Equal(before["unrelated.bst"], after["unrelated.bst"]);
    }

    [Theory]
    [InlineData("NOCACHE_VAR: first", "NOCACHE_VAR: second")]
    [InlineData("description: The library", "description: The library, described differently")]
    [InlineData("unused-var: first", "unused-var: second")]
    public void Change_NotAKeyIngredient_KeepsAllKeys(string oldText, string newText)
    {
        var before = Keys();
        _project.Replace("elements/lib.bst", oldText, newText);

        Assert.Equal(before, Keys());
    }

    [Fact]
    public void Change_InBase_ChangesEveryElementStagingIt()
    {
        var before = Keys();
        _project.Replace("files/base.txt", "base file", "base file, edited");

        var after = Keys();

        foreach (var name in new[] { "base.bst", "lib.bst", "app.bst", "strict-user.bst", "loose-user.bst" })
            Assert.NotEqual(before[name], after[name]);
        Assert.Equal(before["unrelated.bst"], after["unrelated.bst"]);
    }

    [Fact]
    public void Change_InStrictDependency_ChangesWeakKeyOfStrictUserOnly()
    {
        var before = LoadAll();
        _project.Replace("files/base.txt", "base file", "base file, edited");

        var after = LoadAll();

        Assert.NotEqual(before["strict-user.bst"].WeakKey, after["strict-user.bst"].WeakKey);
        Assert.Equal(before["loose-user.bst"].WeakKey, after["loose-user.bst"].WeakKey);
    }

    [Fact]
    public void UserConfigElementOverride_Environment_ChangesThatElementAndReverseDependencies()
    {
        var before = Keys();

        var after = Keys("projects:\n  cachekeys:\n    elements:\n      lib.bst:\n        environment:\n          EXTRA: local\n");

        Assert.NotEqual(before["lib.bst"], after["lib.bst"]);
        Assert.NotEqual(before["app.bst"], after["app.bst"]);
        Assert.Equal(before["base.bst"], after["base.bst"]);
        Assert.Equal(before["unrelated.bst"], after["unrelated.bst"]);
    }

    [Fact]
    public void UserConfigElementOverride_Environment_IsInElementEnvironment() =>
        Assert.Equal("local", LoadAssert.Env(
            _project.Element("lib.bst", "projects:\n  cachekeys:\n    elements:\n      lib.bst:\n        environment:\n          EXTRA: local\n"),
            "EXTRA"));
}
