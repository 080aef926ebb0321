using WiGuard.Core.Network;

namespace WiGuard.Core.Tests.Network;

public sealed class Ipv4Tests
{
    private static uint Address(string text) => Ipv4.TryParseAddress(text, out var value) ? value : throw new ArgumentException(text);

    [Theory]
    [InlineData("169.254.0.0/16", "169.254.169.254", true)]
    [InlineData("169.254.169.254/32", "169.254.169.254", true)]
    [InlineData("169.254.169.254/32", "169.254.169.252", false)]
    [InlineData("169.254.169.252/30", "169.254.169.254", true)]
    [InlineData("169.254.169.248/30", "169.254.169.252", false)]
    [InlineData("0.0.0.0/0", "169.254.169.254", true)]
    [InlineData("10.0.0.0/8", "169.254.169.254", false)]
    [InlineData("169.254.169.254/8", "169.1.2.3", true)]
    public void CidrContains_Ipv4Blocks_FollowsPrefixArithmetic(string cidr, string address, bool expected)
    {
        Assert.Equal(expected, Ipv4.CidrContains(cidr, Address(address)));
    }

    [Theory]
    [InlineData("::/0")]
    [InlineData("::ffff:169.254.169.254/128")]
    [InlineData("::ffff:0:0/96")]
    [InlineData("fe80::/10")]
    public void CidrContains_Ipv6Blocks_NeverContainAnIpv4Address(string cidr)
    {
        Assert.False(Ipv4.CidrContains(cidr, Address("169.254.169.254")));
    }

    [Theory]
    [InlineData("169.254/16")]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.169.254/33")]
    [InlineData("169.254.169.254/")]
    [InlineData("169.254.169.0254/32")]
    [InlineData("256.254.169.254/32")]
    [InlineData("169.254.169.254/-1")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParseCidr_MalformedText_IsRejected(string? cidr)
    {
        Assert.False(Ipv4.TryParseCidr(cidr, out _, out _));
    }

    [Fact]
    public void Format_RoundTripsAnAddress()
    {
        Assert.Equal("169.254.169.252", Ipv4.Format(Address("169.254.169.252")));
    }
}
