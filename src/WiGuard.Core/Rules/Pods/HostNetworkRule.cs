using WiGuard.Core.Facts;
using WiGuard.Core.Identity;
using WiGuard.Core.Kubernetes;

namespace WiGuard.Core.Rules.Pods;

/// <summary>WI012: <c>hostNetwork: true</c> on pods whose KSA wants Workload Identity.</summary>
public sealed class HostNetworkRule : IRule
{
    private const string Why =
        "Pods on the host network reach the node's metadata server directly, bypassing the GKE metadata " +
        "server, so they get the node's Google identity instead of their KSA's GSA.";

    public string Id => "WI012";

    public RuleAction DefaultAction => RuleAction.Warn;

    public string Summary => "Pods with hostNetwork: true whose KSA uses Workload Identity: they get the node's identity";

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        if (context.Subject.PodTemplate is not { HostNetwork: true } template) yield break;

        var ksaName = template.ServiceAccountName;
        var lookup = context.Facts.Ksas.Find(context.Subject.Namespace, ksaName);
        if (lookup is { Status: KsaLookupStatus.Found, ServiceAccount: var ksa })
        {
            var gsa = ksa?.Metadata?.Annotation(KnownKeys.GcpServiceAccount)?.Trim();
            if (string.IsNullOrEmpty(gsa)) yield break;

            yield return context.Finding(
                this,
                $"hostNetwork pods get the node's identity, not GSA {gsa} (KSA '{ksaName}')",
                Why,
                Fix(template));
            yield break;
        }

        // Unknown KSA: only a KSA named on purpose suggests the pods want Workload Identity.
        if (!template.NamesServiceAccount || ksaName == PodTemplate.DefaultServiceAccount) yield break;

        yield return context.Finding(
            this,
            $"hostNetwork pods get the node's identity; could not confirm whether KSA '{ksaName}' has a GSA",
            Why + " WiGuard could not read the KSA to confirm it is annotated with a GSA.",
            Fix(template));
    }

    private static string Fix(PodTemplate template) =>
        $"remove hostNetwork: true from {template.SpecPath}; if the pods need the host network, run them " +
        "under a KSA without a GSA and grant the node's GSA what they need, knowingly";
}
