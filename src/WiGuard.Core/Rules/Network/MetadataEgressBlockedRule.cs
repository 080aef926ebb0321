using WiGuard.Core.Kubernetes;
using WiGuard.Core.Network;

namespace WiGuard.Core.Rules.Network;

/// <summary>WI020: an Egress NetworkPolicy leaves the pods it selects no way to the GKE metadata server.</summary>
public sealed class MetadataEgressBlockedRule : IRule
{
    public string Id => "WI020";

    public RuleAction DefaultAction => RuleAction.Warn;

    public string Summary => "An Egress NetworkPolicy blocks the GKE metadata server for the pods it selects";

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Subject.Value is not NetworkPolicy { Spec: { } spec } || !EgressReach.IsEgressPolicy(spec)) yield break;
        if (context.Facts.NamespaceUsesWorkloadIdentity == false) yield break;

        var others = context.Facts.NamespaceNetworkPolicies;
        var applying = AlsoApplying(context.Subject.Name, spec, others).Prepend(spec).ToList();
        var blocked = MetadataEndpoint.All.Where(e => !applying.Any(p => EgressReach.AllowsTcp(p, e))).ToList();
        if (blocked.Count == 0) yield break;

        yield return context.Finding(
            this,
            $"egress blocks the GKE metadata server ({string.Join(" and ", blocked)}): pods get no Google token",
            Why(others),
            Fix(context.Subject));
    }

    /// <summary>Other Egress policies whose allowances certainly reach every pod this one selects.</summary>
    private static IEnumerable<NetworkPolicySpec> AlsoApplying(string name, NetworkPolicySpec spec, IReadOnlyList<NetworkPolicy>? others) =>
        (others ?? [])
            .Where(p => !string.Equals(p.Metadata?.Name, name, StringComparison.Ordinal))
            .Select(p => p.Spec)
            .OfType<NetworkPolicySpec>()
            .Where(other => EgressReach.IsEgressPolicy(other) && SelectorCoverage.SelectsAllOf(other.PodSelector, spec.PodSelector));

    private static string Why(IReadOnlyList<NetworkPolicy>? others) =>
        "Google client libraries get Workload Identity tokens from the metadata server at 169.254.169.254:80; on GKE " +
        "Dataplane V2 that traffic is redirected to 169.254.169.252:988 and the policy must allow both. Blocked, every " +
        "Google API call from the selected pods fails or hangs. " +
        (others is null
            ? "The namespace's other NetworkPolicies were not known; if one allows this for the same pods, ignore this."
            : "The namespace's other Egress policies that select the same pods were taken into account.");

    private static string Fix(ReviewedObject subject) =>
        $"""
        # add to spec.egress of NetworkPolicy {subject.Namespace}/{subject.Name}:
        - to:
          - ipBlock:
              cidr: 169.254.169.254/32
          ports:
          - protocol: TCP
            port: 80
        - to:
          - ipBlock:
              cidr: 169.254.169.252/32
          ports:
          - protocol: TCP
            port: 988
        """;
}
