using WiGuard.Core.Kubernetes;

namespace WiGuard.Core.Rules.Pods;

/// <summary>WI010: pods run as the namespace's <c>default</c> KSA.</summary>
public sealed class DefaultServiceAccountRule : IRule
{
    public string Id => "WI010";

    public RuleAction DefaultAction => RuleAction.Warn;

    public string Summary => "Pods run as the namespace's default KSA (no serviceAccountName, or 'default')";

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        if (context.Subject.PodTemplate is not { } template) yield break;
        if (template.ServiceAccountName != PodTemplate.DefaultServiceAccount) yield break;

        var ksa = PodFix.SuggestedKsa(context.Subject);
        yield return context.Finding(
            this,
            template.NamesServiceAccount
                ? "pods run as the namespace's 'default' KSA; give them a dedicated serviceAccountName"
                : "no serviceAccountName: pods run as the namespace's 'default' KSA",
            "The default KSA is shared by every pod in the namespace that names no KSA, so Google permissions given " +
            "to it reach them all, and this workload cannot get its own least-privilege identity.",
            $"kubectl create serviceaccount {ksa} -n {context.Subject.Namespace}\n" +
            $"and set in the manifest:\n{PodFix.YamlAt(template.SpecPath, $"serviceAccountName: {ksa}")}");
    }
}
