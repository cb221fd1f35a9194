namespace BuildGraph.Cli.Tests.Commands;

public sealed class ArtifactServerCommandTests
{
    [Theory]
    [InlineData("--quota", "lots")]
    [InlineData("--bind", "not-an-address")]
    [InlineData("--tls-key", "/nonexistent/key.pem")]
    public void ArtifactServer_BadOption_IsUserError(string option, string value)
    {
        var directory = Path.Combine(Path.GetTempPath(), "bgx-cli-as-" + Guid.NewGuid().ToString("N"));
        TestProject.RunRaw("artifact-server", "--port", "0", "--directory", directory, option, value).AssertUserError();
    }

    [Fact]
    public void ArtifactServer_WithoutDirectory_IsUsageError() =>
        Assert.Equal(ExitCodes.UserError, TestProject.RunRaw("artifact-server", "--port", "0").ExitCode);
}
