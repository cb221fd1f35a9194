using BuildGraph.Grpc;

namespace BuildGraph.Grpc.Tests;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("59999047u", 59_999_047L * 10)]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("200m", 2_000_000L)]
    [InlineData("1000n", 10L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    public void TryParse_ValidValue_GivesTicks(string text, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(text, out var timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("123456789S")]
    [InlineData("10x")]
    [InlineData("-1S")]
    [InlineData("1.5S")]
    public void TryParse_Malformed_IsFalse(string text) => Assert.False(GrpcTimeout.TryParse(text, out _));

    [Fact]
    public void Format_SmallTimeout_UsesMilliseconds() => Assert.Equal("1500m", GrpcTimeout.Format(TimeSpan.FromSeconds(1.5)));

    [Fact]
    public void Format_Zero_IsOneMillisecond() => Assert.Equal("1m", GrpcTimeout.Format(TimeSpan.Zero));

    [Fact]
    public void Format_Long_FallsBackToSecondsAndHours()
    {
        Assert.Equal("100000S", GrpcTimeout.Format(TimeSpan.FromSeconds(100_000)));
        Assert.Equal("99999999H", GrpcTimeout.Format(TimeSpan.MaxValue));
    }
}
