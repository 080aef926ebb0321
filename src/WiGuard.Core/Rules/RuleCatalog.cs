using WiGuard.Core.Rules.Network;
using WiGuard.Core.Rules.Pods;
using WiGuard.Core.Rules.ServiceAccounts;

namespace WiGuard.Core.Rules;

/// <summary>Every rule WiGuard runs, in id order.</summary>
public static class RuleCatalog
{
    public static IReadOnlyList<IRule> All { get; } = Sorted(
    [
        new MetadataEgressBlockedRule(),
        new MetadataMasqueradeRule(),
        new MisspelledGsaAnnotationKeyRule(),
        new InvalidGsaAnnotationValueRule(),
        new AnnotatedDefaultServiceAccountRule(),
        new DefaultServiceAccountRule(),
        new HostNetworkRule(),
        new BrokenKsaGsaRule(),
        new ExportedKeyRule(),
        new Iam.Wi003GsaExists(),
        new Iam.Wi004WorkloadIdentityGrant(),
        new Iam.Wi005ConditionalGrant(),
        new Iam.Wi007DirectModelMember(),
        new MetadataServerNodeSelectorRule(),
    ]);

    public static IRule? Find(string id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));

    private static IReadOnlyList<IRule> Sorted(IRule[] rules) =>
        [.. rules.OrderBy(r => r.Id, StringComparer.Ordinal)];
}
