namespace WiGuard.Core.Network;

/// <summary>
/// The config of ip-masq-agent (Kubernetes' agent, GKE's managed one, or Cilium's BPF implementation):
/// the <c>config</c> key of ConfigMap <c>ip-masq-agent</c>, YAML or JSON.
/// </summary>
/// <param name="NonMasqueradeCidrs">Destinations never masqueraded.</param>
/// <param name="MasqLinkLocal">When false (the default) 169.254.0.0/16 is never masqueraded, whatever the CIDR list says.</param>
/// <param name="MasqLinkLocalIpv6">The same for fe80::/10.</param>
/// <param name="ResyncInterval">How often the agent re-reads the file, kept as written.</param>
public sealed record IpMasqAgentConfig(
    IReadOnlyList<string> NonMasqueradeCidrs,
    bool MasqLinkLocal,
    bool MasqLinkLocalIpv6 = false,
    string? ResyncInterval = null)
{
    public const string ConfigMapName = "ip-masq-agent";
    public const string ConfigKey = "config";
    public const string LinkLocal = "169.254.0.0/16";

    /// <summary>What the agents use when the file is missing or empty.</summary>
    public static readonly IpMasqAgentConfig Default = new([], false);

    /// <summary>True when the agent SNATs traffic to this address to the node's IP.</summary>
    public bool Masquerades(uint address) =>
        MasqLinkLocal && !NonMasqueradeCidrs.Any(cidr => Ipv4.CidrContains(cidr, address));

    /// <summary>Reads the config; on failure says why (the agents reject such a file and keep their last good rules).</summary>
    public static bool TryParse(string? text, out IpMasqAgentConfig config, out string error) =>
        IpMasqAgentConfigReader.TryRead(text, out config, out error);
}
