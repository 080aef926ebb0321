using System.Globalization;

namespace WiGuard.Core.Network;

/// <summary>
/// Strict IPv4 parsing the way the API server validates NetworkPolicy CIDRs (Go's net.ParseCIDR):
/// dotted quads only, so "169.254" is not shorthand for anything.
/// </summary>
public static class Ipv4
{
    public static bool TryParseAddress(string? text, out uint address)
    {
        address = 0;
        if (text is null) return false;
        var parts = text.Split('.');
        if (parts.Length != 4) return false;
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit)) return false;
            if (part.Length > 1 && part[0] == '0') return false;
            var octet = int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
            if (octet > 255) return false;
            address = (address << 8) | (uint)octet;
        }

        return true;
    }

    /// <summary>
    /// Parses "a.b.c.d/n". Host bits are masked off as Go does. IPv6 blocks and malformed text return false:
    /// an IPv6 block never contains an IPv4 address, not even <c>::/0</c>.
    /// </summary>
    public static bool TryParseCidr(string? text, out uint network, out int prefixLength)
    {
        network = 0;
        prefixLength = 0;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (slash < 0) return false;
        var prefix = text![(slash + 1)..];
        if (prefix.Length is 0 or > 2 || !prefix.All(char.IsAsciiDigit)) return false;
        if (!TryParseAddress(text[..slash], out var address)) return false;
        prefixLength = int.Parse(prefix, NumberStyles.None, CultureInfo.InvariantCulture);
        if (prefixLength > 32) return false;
        network = address & Mask(prefixLength);
        return true;
    }

    public static bool CidrContains(string? cidr, uint address) =>
        TryParseCidr(cidr, out var network, out var prefixLength) && (address & Mask(prefixLength)) == network;

    public static string Format(uint address) =>
        string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}");

    private static uint Mask(int prefixLength) => prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
}
