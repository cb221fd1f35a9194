namespace BuildGraph.Cli.Tests.Commands;

/// <summary>
/// The exact output of <c>bgx show</c> with full cache keys for the diamond fixture, pinned. The fixture
/// sets its sandbox build-os and build-arch so the keys do not depend on the host.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ShowGoldenTests
{
    // A deliberate change to the cache-key format (or to the diamond fixture) must update this text;
    // any other change that moves a key is a bug. Keys must stay BuildStream-compatible (format.md §10).
    private const string Expected =
        "base.bst 06c2a4b7e7444791e322b006ab87522248d2f94b04c89576cb5ad713f1c261e0\n" +
        "lib.bst 07a413cacfd7880c3c21b12f01a59f28c9cb7d9974cbb8cce3ba41e282f4702e\n" +
        "tool.bst cbbd47844d45a68be30bdff63b5625067dded5a3809a6bb634d605bf926e2159\n" +
        "fonts.bst 4d3cba85c6696a325de282bf610713735c7af893d9ac11dbf8fa428c1353b345\n" +
        "data.bst 45ab61697eb68bbf96b664f09bdd054398d800d9f4a26faa5a4b77fb77f07b67\n" +
        "app.bst 376633a6b44010f9a3b76feec76bc056756819f901d4a5a8e122b0d965753822\n" +
        "bundle.bst d2a389a1167ba97db939c9d6e4596cd413e8ff38c673e5917b7e3f4512771639\n";

    [Fact]
    public void ShowFullKeys_DiamondFixture_MatchesGoldenOutput()
    {
        using var project = TestProject.Copy("diamond");

        var result = project.Run("show", "--format", "%{name} %{full-key}");

        Assert.Equal(Expected, result.AssertSuccess().Stdout);
    }
}
