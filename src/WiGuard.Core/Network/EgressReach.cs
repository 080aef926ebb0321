using WiGuard.Core.Kubernetes;

namespace WiGuard.Core.Network;

/// <summary>What the egress rules of a NetworkPolicy let selected pods reach, by the networking.k8s.io/v1 semantics.</summary>
public static class EgressReach
{
    private const string Egress = "Egress";
    private const string Tcp = "TCP";

    /// <summary>
    /// True when the policy restricts egress. Without policyTypes the API server defaults to Ingress, plus
    /// Egress only when the spec has at least one egress rule.
    /// </summary>
    public static bool IsEgressPolicy(NetworkPolicySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.PolicyTypes is { Count: > 0 } types
            ? types.Contains(Egress, StringComparer.Ordinal)
            : spec.Egress is { Count: > 0 };
    }

    /// <summary>True when some egress rule of the policy allows TCP to the endpoint. Rules are additive.</summary>
    public static bool AllowsTcp(NetworkPolicySpec spec, MetadataEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(endpoint);
        return spec.Egress is { } rules &&
               rules.Any(rule => rule is not null && ToAllows(rule, endpoint.AddressValue) && PortsAllow(rule, endpoint.Port));
    }

    // An absent or empty "to" means every destination. Pod and namespace selectors only ever match pod
    // IPs, never a link-local address, so only ipBlock peers can reach the metadata server.
    private static bool ToAllows(NetworkPolicyEgressRule rule, uint address) =>
        rule.To is not { Count: > 0 } peers ||
        peers.Any(peer => peer?.IpBlock is { } block && BlockContains(block, address));

    private static bool BlockContains(IpBlock block, uint address) =>
        Ipv4.CidrContains(block.Cidr, address) &&
        !(block.Except ?? []).Any(except => Ipv4.CidrContains(except, address));

    // An absent or empty "ports" means every port of every protocol.
    private static bool PortsAllow(NetworkPolicyEgressRule rule, int port) =>
        rule.Ports is not { Count: > 0 } ports || ports.Any(p => p is not null && PortAllows(p, port));

    private static bool PortAllows(NetworkPolicyPort entry, int port)
    {
        if (!string.Equals(entry.Protocol ?? Tcp, Tcp, StringComparison.Ordinal)) return false;
        if (entry.Port is null) return true;
        if (NumberOf(entry.Port) is not { } first) return false;
        return entry.EndPort is { } last ? first <= port && port <= last : first == port;
    }

    /// <summary>
    /// A named port is resolved against the destination pod's container ports. The metadata server is a
    /// host-network endpoint, not a pod the policy can see, so a name never matches port 80 or 988.
    /// A string of digits is not a valid port name (the API server rejects it) but is what YAML tools
    /// produce from a quoted number, so it is read as that number.
    /// </summary>
    private static int? NumberOf(IntOrString port) =>
        port.Number ?? (port.Text is { Length: > 0 and <= 5 } text && text.All(char.IsAsciiDigit) ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null);
}
