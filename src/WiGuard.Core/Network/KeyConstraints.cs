using WiGuard.Core.Kubernetes;

namespace WiGuard.Core.Network;

/// <summary>What a selector's requirements say about each label key of the pods it selects.</summary>
internal sealed class KeyConstraints
{
    private readonly Dictionary<string, Constraint> _byKey = new(StringComparer.Ordinal);

    public static KeyConstraints From(LabelSelector? selector)
    {
        var result = new KeyConstraints();
        foreach (var requirement in SelectorCoverage.Requirements(selector))
        {
            if (requirement.Key is not { } key) continue;
            var constraint = result._byKey.TryGetValue(key, out var found) ? found : result._byKey[key] = new Constraint();
            var values = requirement.Values ?? [];
            switch (requirement.Operator)
            {
                case "In":
                    constraint.Allowed = constraint.Allowed is null ? [.. values] : [.. constraint.Allowed.Intersect(values)];
                    break;
                case "NotIn":
                    constraint.Forbidden.UnionWith(values);
                    break;
                case "Exists":
                    constraint.Exists = true;
                    break;
                case "DoesNotExist":
                    constraint.Absent = true;
                    break;
            }
        }

        return result;
    }

    /// <summary>True when every pod meeting these constraints also meets <paramref name="requirement"/>.</summary>
    public bool Implies(LabelSelectorRequirement requirement)
    {
        if (requirement.Key is not { } key) return false;
        var constraint = _byKey.GetValueOrDefault(key) ?? new Constraint();
        var values = requirement.Values ?? [];
        var possible = constraint.Allowed?.Except(constraint.Forbidden).ToList();
        return requirement.Operator switch
        {
            "In" => possible is not null && possible.All(values.Contains),
            "NotIn" => constraint.Absent || (possible is not null && !possible.Any(values.Contains)) || values.All(constraint.Forbidden.Contains),
            "Exists" => possible is not null || constraint.Exists,
            "DoesNotExist" => constraint.Absent,
            _ => false,
        };
    }

    private sealed class Constraint
    {
        public List<string>? Allowed { get; set; }
        public HashSet<string> Forbidden { get; } = new(StringComparer.Ordinal);
        public bool Exists { get; set; }
        public bool Absent { get; set; }
    }
}
