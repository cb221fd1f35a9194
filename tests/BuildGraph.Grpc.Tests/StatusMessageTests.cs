using BuildGraph.Grpc;

namespace BuildGraph.Grpc.Tests;

public sealed class StatusMessageTests
{
    [Fact]
    public void Encode_NonAsciiAndPercent_AreEscaped() =>
        Assert.Equal("caf%C3%A9 100%25", StatusMessage.Encode("café 100%"));

    [Fact]
    public void Encode_PrintableAscii_IsUnchanged() => Assert.Equal("Blob not found: a/1", StatusMessage.Encode("Blob not found: a/1"));

    [Theory]
    [InlineData("précondition ✗ 100% failed")]
    [InlineData("line\nbreak")]
    [InlineData("")]
    public void Decode_RoundTrips(string text) => Assert.Equal(text, StatusMessage.Decode(StatusMessage.Encode(text)));

    [Fact]
    public void Decode_MalformedEscape_IsKept() => Assert.Equal("50%zz and %", StatusMessage.Decode("50%zz and %"));
}
