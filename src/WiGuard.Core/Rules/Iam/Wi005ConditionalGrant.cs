using WiGuard.Core.Facts;
using WiGuard.Core.Identity;

namespace WiGuard.Core.Rules.Iam;

/// <summary>WI005: the only workloadIdentityUser grants for the KSA carry IAM conditions.</summary>
public sealed class Wi005ConditionalGrant : IRule
{
    public string Id => "WI005";

    public RuleAction DefaultAction => RuleAction.Warn;

    public string Summary => "The only matching workloadIdentityUser grant carries an IAM condition";

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        if (IamSubject.Grants(context) is not var (gsa, ksa, _, analysis) || !analysis.HasAnyGrant || analysis.HasUnconditionalGrant) yield break;

        var condition = analysis.Grants[0].Condition!;
        var title = string.IsNullOrEmpty(condition.Title) ? "untitled" : condition.Title;
        yield return context.Finding(this,
            $"{ksa.Namespace}/{ksa.Name}'s only grant on {gsa.Value} is conditional ('{title}')",
            $"IAM evaluates the condition '{condition.Expression}' whenever a pod asks for a token; whenever it is false the pod " +
            "gets 403 from the metadata server. Condition the application roles of the GSA instead.",
            IamSubject.GrantCommand(gsa, ksa, " --condition=None"));
    }
}
