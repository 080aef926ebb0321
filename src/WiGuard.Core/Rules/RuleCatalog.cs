namespace WiGuard.Core.Rules;

/// <summary>Every rule WiGuard runs, in id order.</summary>
public static class RuleCatalog
{
    public static IReadOnlyList<IRule> All { get; } = Sorted(
    [
        new Iam.Wi003GsaExists(),
        new Iam.Wi004WorkloadIdentityGrant(),
        new Iam.Wi005ConditionalGrant(),
        new Iam.Wi007DirectModelMember(),
    ]);

    public static IRule? Find(string id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));

    private static IReadOnlyList<IRule> Sorted(IRule[] rules) =>
        [.. rules.OrderBy(r => r.Id, StringComparer.Ordinal)];
}
