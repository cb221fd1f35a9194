namespace BuildGraph.Sandbox.Tests;

public sealed class BwrapStatusTests
{
    [Fact]
    public void Parse_ChildExited_ExitCode()
    {
        var status = BwrapStatus.Parse("{ \"child-pid\": 12, \"mnt-namespace\": 4026532178 }\n{ \"exit-code\": 137 }\n");

        Assert.Equal(new BwrapStatus(12, 137), status);
    }

    [Fact]
    public void Parse_SetupFailed_NoExitCode()
    {
        var status = BwrapStatus.Parse("{ \"child-pid\": 12 }\n");

        Assert.Equal(new BwrapStatus(12, null), status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ \"child-pid\": 12 }\n{ \"exit-co")]
    [InlineData("[1]\n")]
    public void Parse_EmptyOrTruncated_NoExitCode(string text)
    {
        Assert.Null(BwrapStatus.Parse(text).ExitCode);
    }
}
