using WiGuard.Core.Rules.Pods;

namespace WiGuard.Core.Rules;

/// <summary>Every rule WiGuard runs, in id order.</summary>
public static class RuleCatalog
{
    public static IReadOnlyList<IRule> All { get; } = Sorted(
    [
        new MetadataServerNodeSelectorRule(),
    ]);

    public static IRule? Find(string id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));

    private static IReadOnlyList<IRule> Sorted(IRule[] rules) =>
        [.. rules.OrderBy(r => r.Id, StringComparer.Ordinal)];
}
