namespace WiGuard.Core.Network;

/// <summary>
/// Whether a cilium-config ConfigMap (as Cilium's Helm chart renders it) makes BPF masquerading SNAT pod
/// traffic to the metadata server, so the GKE metadata server sees the node instead of the pod.
/// </summary>
public static class CiliumMasquerade
{
    public const string ConfigMapName = "cilium-config";
    public const string BpfMasqueradeKey = "enable-bpf-masquerade";

    public static bool SnatsMetadata(IReadOnlyDictionary<string, string?> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (GoBool.Parse(Value(data, BpfMasqueradeKey)) != true) return false;

        // The agent masquerades IPv4 unless this is explicitly off.
        if (GoBool.Parse(Value(data, "enable-ipv4-masquerade")) == false) return false;

        // With the BPF ip-masq-agent, its own config decides, and by default it never masquerades
        // 169.254.0.0/16; that ConfigMap (ip-masq-agent) is checked on its own.
        if (GoBool.Parse(Value(data, "enable-ip-masq-agent")) == true) return false;

        // Destinations inside the native routing CIDR are never masqueraded.
        var nativeRouting = Value(data, "ipv4-native-routing-cidr") ?? Value(data, "native-routing-cidr");
        return !MetadataEndpoint.All.All(e => Ipv4.CidrContains(nativeRouting?.Trim(), e.AddressValue));
    }

    private static string? Value(IReadOnlyDictionary<string, string?> data, string key) => data.GetValueOrDefault(key);
}
