using WiGuard.Core.Kubernetes;

namespace WiGuard.Core.Network;

/// <summary>
/// Decides whether one label selector selects every pod another selects, from the selectors alone.
/// It answers "yes" only when that follows for certain; anything it cannot prove is "no", so a policy
/// is never credited with allowing traffic for pods it might not select.
/// </summary>
public static class SelectorCoverage
{
    /// <summary>True when every pod matched by <paramref name="narrower"/> is matched by <paramref name="wider"/>. Null selects all pods.</summary>
    public static bool SelectsAllOf(LabelSelector? wider, LabelSelector? narrower)
    {
        var known = KeyConstraints.From(narrower);
        return Requirements(wider).All(requirement => known.Implies(requirement));
    }

    internal static IEnumerable<LabelSelectorRequirement> Requirements(LabelSelector? selector)
    {
        if (selector is null) yield break;
        foreach (var (key, value) in selector.MatchLabels ?? [])
            yield return new LabelSelectorRequirement { Key = key, Operator = "In", Values = [value ?? ""] };
        foreach (var requirement in selector.MatchExpressions ?? [])
        {
            if (requirement is not null) yield return requirement;
        }
    }
}
