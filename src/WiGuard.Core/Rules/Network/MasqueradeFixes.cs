using System.Text.Json.Nodes;
using WiGuard.Core.Kubernetes;
using WiGuard.Core.Network;

namespace WiGuard.Core.Rules.Network;

/// <summary>The explanations and generated fixes of WI021.</summary>
internal static class MasqueradeFixes
{
    private const string HelmReleaseAnnotation = "meta.helm.sh/release-name";

    public const string CiliumWhy =
        "With BPF masquerading Cilium SNATs pod traffic to 169.254.169.254 to the node's IP. The GKE metadata server " +
        "then cannot tell which pod asks and answers with the node's service account, not the pod's GSA.";

    public static string IpMasqAgentWhy(IEnumerable<MetadataEndpoint> masqueraded) =>
        $"With masqLinkLocal: true and no nonMasqueradeCIDRs entry covering {string.Join(" and ", masqueraded.Select(e => e.Address))}, " +
        "traffic to the metadata server leaves with the node's IP. The GKE metadata server then answers with the " +
        "node's service account, not the pod's GSA.";

    /// <summary>Turn masquerading off when Cloud NAT handles egress; otherwise let the BPF ip-masq-agent exclude link-local.</summary>
    public static string Cilium(ReviewedObject subject)
    {
        var ns = subject.Namespace;
        if (subject.Metadata.Annotation(HelmReleaseAnnotation) is { Length: > 0 } release)
        {
            return $"""
                # Cloud NAT handles egress: BPF masquerading is not needed
                helm upgrade {release} cilium/cilium -n {ns} --reuse-values --set bpf.masquerade=false
                # or keep it, with the ip-masq-agent (its default config never masquerades 169.254.0.0/16)
                helm upgrade {release} cilium/cilium -n {ns} --reuse-values --set ipMasqAgent.enabled=true
                """;
        }

        return $$$"""
            # Cloud NAT handles egress: BPF masquerading is not needed
            kubectl -n {{{ns}}} patch configmap {{{subject.Name}}} --type merge -p '{"data":{"enable-bpf-masquerade":"false"}}'
            # or keep it, with the ip-masq-agent (its default config never masquerades 169.254.0.0/16)
            kubectl -n {{{ns}}} patch configmap {{{subject.Name}}} --type merge -p '{"data":{"enable-ip-masq-agent":"true"}}'
            kubectl -n {{{ns}}} rollout restart daemonset/cilium
            """;
    }

    /// <summary>The same config with link-local excluded, written back with kubectl.</summary>
    public static string IpMasqAgent(IpMasqAgentConfig config)
    {
        var cidrs = new JsonArray();
        foreach (var cidr in config.NonMasqueradeCidrs.Append(IpMasqAgentConfig.LinkLocal).Distinct(StringComparer.Ordinal))
            cidrs.Add(cidr);
        var fixedConfig = new JsonObject { ["nonMasqueradeCIDRs"] = cidrs, ["masqLinkLocal"] = false };
        if (config.MasqLinkLocalIpv6) fixedConfig["masqLinkLocalIPv6"] = true;
        if (config.ResyncInterval is { } resync) fixedConfig["resyncInterval"] = resync;
        var json = fixedConfig.ToJsonString().Replace("'", "'\\''", StringComparison.Ordinal);
        return $"kubectl -n {MetadataMasqueradeRule.SystemNamespace} create configmap {IpMasqAgentConfig.ConfigMapName} " +
               $"--from-literal=config='{json}' --dry-run=client -o yaml | kubectl apply -f -";
    }
}
