namespace BuildGraph.Cli.Tests;

/// <summary><c>bgx show</c> on the repository's own project (project.conf, elements/, files/).</summary>
[Trait("Category", "Integration")]
public sealed class RepoProjectTests
{
    [RepoProjectFact]
    public async Task ShowAll_System_ListsBaseHelloSystemInStagingOrder()
    {
        using var project = TestProject.Empty();
        await RepoProject.PrepareAsync(project, CancellationToken.None);

        var lines = project.Run("show", "--deps", "all", "system.bst").AssertSuccess().Lines;

        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^   buildable [0-9a-f]{8} base\.bst$", lines[0]);
        Assert.Matches(@"^     waiting [0-9a-f]{8} hello\.bst$", lines[1]);
        Assert.Matches(@"^     waiting [0-9a-f]{8} system\.bst$", lines[2]);
    }

    [RepoProjectFact]
    public async Task ShowConfig_GreetingOption_ReachesHelloCommands()
    {
        using var project = TestProject.Empty();
        await RepoProject.PrepareAsync(project, CancellationToken.None);

        var output = project.Run("-o", "greeting", "goodbye", "show", "--deps", "none", "--format", "%{config}", "hello.bst")
            .AssertSuccess().Stdout;

        Assert.Contains("- sed \"s/@GREETING@/goodbye/\" hello.sh.in > hello.sh\n", output, StringComparison.Ordinal);
    }
}
