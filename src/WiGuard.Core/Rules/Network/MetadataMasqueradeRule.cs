using WiGuard.Core.Kubernetes;
using WiGuard.Core.Network;

namespace WiGuard.Core.Rules.Network;

/// <summary>
/// WI021: a CNI or ip-masq-agent setting SNATs pod traffic to the metadata server, so the GKE metadata
/// server sees the node and hands out the node's identity instead of the pod's.
/// </summary>
public sealed class MetadataMasqueradeRule : IRule
{
    public const string SystemNamespace = "kube-system";

    public string Id => "WI021";

    public RuleAction DefaultAction => RuleAction.Warn;

    public string Summary => "Masquerading SNATs metadata traffic: pods fall back to the node's identity";

    /// <summary>The only ConfigMaps this rule reads; the webhook is registered for these names alone.</summary>
    public static bool Watches(string @namespace, string name) =>
        string.Equals(@namespace, SystemNamespace, StringComparison.Ordinal) &&
        (string.Equals(name, CiliumMasquerade.ConfigMapName, StringComparison.Ordinal) ||
         string.Equals(name, IpMasqAgentConfig.ConfigMapName, StringComparison.Ordinal));

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var subject = context.Subject;
        if (subject.Value is not ConfigMap configMap || !Watches(subject.Namespace, subject.Name)) yield break;
        var data = configMap.Data ?? [];

        if (subject.Name == CiliumMasquerade.ConfigMapName)
        {
            if (CiliumMasquerade.SnatsMetadata(data))
            {
                yield return context.Finding(
                    this,
                    "cilium-config enables BPF masquerade without excluding 169.254.0.0/16: pods get the node's identity",
                    MasqueradeFixes.CiliumWhy,
                    MasqueradeFixes.Cilium(subject));
            }

            yield break;
        }

        var text = data.GetValueOrDefault(IpMasqAgentConfig.ConfigKey);
        if (!IpMasqAgentConfig.TryParse(text, out var config, out var error))
        {
            yield return context.Finding(
                this,
                $"ip-masq-agent config cannot be read ({Shorten(error)})",
                "The agent rejects a config it cannot read and keeps its previous rules, so whether metadata traffic " +
                "is masqueraded is unknown: " + error,
                MasqueradeFixes.IpMasqAgent(IpMasqAgentConfig.Default),
                advisory: true);
            yield break;
        }

        var masqueraded = MetadataEndpoint.All.Where(e => config.Masquerades(e.AddressValue)).ToList();
        if (masqueraded.Count == 0) yield break;
        yield return context.Finding(
            this,
            "ip-masq-agent masquerades link-local (masqLinkLocal: true): metadata calls get the node's identity",
            MasqueradeFixes.IpMasqAgentWhy(masqueraded),
            MasqueradeFixes.IpMasqAgent(config));
    }

    // A YAML error's location is enough for the one-line message; Why carries the parser's words.
    private static string Shorten(string error) =>
        error.StartsWith("line ", StringComparison.Ordinal) && error.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon ? error[..colon]
        : error.Length <= 60 ? error
        : error[..57] + "...";
}
