using WiGuard.Core.Configuration;
using WiGuard.Core.Identity;
using WiGuard.Core.Kubernetes;
using WiGuard.Core.Rules;
using WiGuard.Core.Rules.Network;

namespace WiGuard.Core.Evaluation;

/// <summary>
/// Turns findings into a decision: mode, namespace overrides, per-rule actions, exemptions
/// and the UPDATE downgrade are combined here and nowhere else.
/// </summary>
public sealed class DecisionPolicy
{
    private readonly WiGuardOptions _options;
    private readonly IReadOnlyList<string> _exemptNamespaces;

    public DecisionPolicy(WiGuardOptions options, string? ownNamespace = null)
    {
        _options = options;
        _exemptNamespaces = [.. WiGuardOptions.DefaultExemptNamespaces
            .Concat(options.ExemptNamespaces)
            .Concat(string.IsNullOrEmpty(ownNamespace) ? [] : [ownNamespace])
            .Distinct(StringComparer.Ordinal)];
    }

    public IReadOnlyList<string> ExemptNamespaces => _exemptNamespaces;

    /// <summary>
    /// The namespace's <c>wiguard.io/mode</c> label wins over the global mode; an unknown label value is ignored.
    /// Only a mode's name counts: Enum.TryParse alone would also take "0" (Off) or "off,warn".
    /// </summary>
    public Mode ModeFor(Namespace? ns)
    {
        var label = ns?.Metadata?.Label(KnownKeys.ModeLabel)?.Trim();
        var name = Enum.GetNames<Mode>().FirstOrDefault(n => string.Equals(n, label, StringComparison.OrdinalIgnoreCase));
        return name is null ? _options.Mode : Enum.Parse<Mode>(name);
    }

    public bool IsExemptNamespace(string ns) => _exemptNamespaces.Any(pattern => Matches(pattern, ns));

    /// <summary>
    /// Namespace exemptions, except for the network ConfigMaps WI021 reads: they live in kube-system by
    /// design, and the webhook is registered for exactly those names.
    /// </summary>
    public bool IsExempt(ReviewedObject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var watchedConfigMap = subject.Kind == ResourceKind.ConfigMap && MetadataMasqueradeRule.Watches(subject.Namespace, subject.Name);
        return !watchedConfigMap && IsExemptNamespace(subject.Namespace);
    }

    public RuleAction ActionFor(IRule rule) =>
        _options.Rules.TryGetValue(rule.Id, out var configured) ? configured : rule.DefaultAction;

    public Decision Decide(ReviewedObject subject, IReadOnlyList<Finding> findings, IReadOnlyList<Finding>? previous, Mode mode)
    {
        if (mode == Mode.Off) return Decision.Skip("mode is Off");
        if (IsExempt(subject)) return Decision.Skip($"namespace {subject.Namespace} is exempt");

        var judged = new List<JudgedFinding>();
        var exemptions = new List<ExemptionUse>();
        var objectExemptions = ObjectExemptions(subject);
        var ksa = subject.ServiceAccount is not null ? subject.Name : subject.PodTemplate?.ServiceAccountName;

        foreach (var finding in findings)
        {
            var rule = RuleCatalog.Find(finding.RuleId);
            var action = rule is null ? RuleAction.Warn : ActionFor(rule);
            if (action == RuleAction.Off) continue;

            var exemptedBy = ConfiguredExemption(subject.Namespace, ksa, finding.RuleId)
                ?? (objectExemptions.Contains(finding.RuleId) ? $"annotation {KnownKeys.ExemptAnnotation}" : null);
            if (exemptedBy is not null)
            {
                exemptions.Add(new ExemptionUse(finding.RuleId, finding.Object, exemptedBy));
                continue;
            }

            if (finding.Advisory || mode == Mode.Warn) action = RuleAction.Warn;

            var preExisting = action == RuleAction.Deny && previous is not null && previous.Any(p => p.SameProblemAs(finding));
            judged.Add(new JudgedFinding(finding, preExisting ? RuleAction.Warn : action, preExisting));
        }

        return Decision.From(judged, exemptions);
    }

    private string? ConfiguredExemption(string ns, string? ksa, string ruleId)
    {
        var match = _options.Exemptions.FirstOrDefault(e =>
            Matches(e.Namespace, ns) && Matches(e.ServiceAccount, ksa ?? "") &&
            Matches(e.Rule.ToUpperInvariant(), ruleId.ToUpperInvariant()));
        return match is null ? null : $"configured exemption {match.Namespace}/{match.ServiceAccount}/{match.Rule}";
    }

    private HashSet<string> ObjectExemptions(ReviewedObject subject)
    {
        if (!_options.AllowObjectExemptions) return [];
        var value = subject.Metadata.Annotation(KnownKeys.ExemptAnnotation);
        if (string.IsNullOrWhiteSpace(value)) return [];
        return new HashSet<string>(
            value.Split([',', ' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            StringComparer.OrdinalIgnoreCase);
    }

    private static bool Matches(string pattern, string value) =>
        pattern == "*" ||
        (pattern.EndsWith('*') ? value.StartsWith(pattern[..^1], StringComparison.Ordinal) : string.Equals(pattern, value, StringComparison.Ordinal));
}
