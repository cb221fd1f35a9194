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
        "base.bst ce5f0605202fb7fcc4bf44af15cf2766f51c62f6f7dc74fdbeb0943c3ffcc371\n" +
        "lib.bst eae7d109677094baf0e2a4d73f3acc9b2e9305d451a356c5ed39748a2cba4c39\n" +
        "tool.bst c48899cc58f4e1906cfec1db75f55c678b499ee0a2e9ba864db5df71ee45725a\n" +
        "fonts.bst 03472644f7afa919834871576377faee7c0620a4bd7fd39547a12e3308dc00b6\n" +
        "data.bst c8c7aee0871f4f4e31be69cdfa8979d5988b7627d1cd5c61b99aa538e01e4739\n" +
        "app.bst db2efc228302fdfe593e30bc03d30dcf0baaa4f5f1660c08ac1248fc93084276\n" +
        "bundle.bst ec0e12ba4cefe66506ed4093152ba420e9f92c7093693d09f2b804780acd1cc9\n";

    [Fact]
    public void ShowFullKeys_DiamondFixture_MatchesGoldenOutput()
    {
        using var project = TestProject.Copy("diamond");

        var result = project.Run("show", "--format", "%{name} %{full-key}");

        Assert.Equal(Expected, result.AssertSuccess().Stdout);
    }
}
