using WiGuard.Core.Facts;
using WiGuard.Core.Identity;
using WiGuard.Core.Kubernetes;

namespace WiGuard.Core.Rules.Pods;

/// <summary>
/// WI014: on GKE Standard only node pools running the GKE metadata server serve Workload
/// Identity; a Workload Identity pod scheduled anywhere else silently gets the node's identity.
/// Autopilot needs no selector, hence off by default.
/// </summary>
public sealed class MetadataServerNodeSelectorRule : IRule
{
    public string Id => "WI014";

    public RuleAction DefaultAction => RuleAction.Off;

    public string Summary => "Workload Identity pod without node selector iam.gke.io/gke-metadata-server-enabled: \"true\" (Standard clusters)";

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        var subject = context.Subject;
        if (subject.PodTemplate is not { } template) yield break;

        var ksaName = template.ServiceAccountName;
        var lookup = context.Facts.Ksas.Find(subject.Namespace, ksaName);
        if (lookup is not { Status: KsaLookupStatus.Found, ServiceAccount: { } ksa }) yield break;
        if (string.IsNullOrWhiteSpace(ksa.Metadata?.Annotation(KnownKeys.GcpServiceAccount))) yield break;

        var selector = template.Spec.NodeSelector;
        if (selector is not null && selector.TryGetValue(KnownKeys.MetadataServerNodeSelector, out var value) && value == "true")
            yield break;

        yield return context.Finding(
            this,
            $"KSA {ksaName} uses Workload Identity but pods lack nodeSelector {KnownKeys.MetadataServerNodeSelector}: \"true\"",
            "On GKE Standard, a pod scheduled on a node pool without the GKE metadata server gets the node's identity, not its GSA.",
            FixFor(subject, template));
    }

    private static string FixFor(ReviewedObject subject, PodTemplate template)
    {
        var yaml = $"""
            {template.SpecPath}:
              nodeSelector:
                {KnownKeys.MetadataServerNodeSelector}: "true"
            """;

        // Pod specs and Job templates are immutable: the manifest has to change.
        if (subject.Kind is ResourceKind.Pod or ResourceKind.Job)
            return $"Add to {subject.Kind} {subject.Namespace}/{subject.Name} and re-create it:\n{yaml}";

        var patch = $"{{\"{KnownKeys.MetadataServerNodeSelector}\":\"true\"}}";
        foreach (var field in template.SpecPath.Split('.').Append("nodeSelector").Reverse())
            patch = $"{{\"{field}\":{patch}}}";

        return $"kubectl patch {subject.Kind.ToString().ToLowerInvariant()} {subject.Name} -n {subject.Namespace} --type merge -p '{patch}'";
    }
}
