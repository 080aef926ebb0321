using WiGuard.Core.Identity;

namespace WiGuard.Core.Rules.ServiceAccounts;

/// <summary>WI002: the GSA annotation value is not a usable GSA email.</summary>
public sealed class InvalidGsaAnnotationValueRule : IRule
{
    public string Id => "WI002";

    public RuleAction DefaultAction => RuleAction.Deny;

    public string Summary => "The GSA annotation value is not a full, exact GSA email (whitespace, placeholder, short name, case, domain)";

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        if (context.Subject.ServiceAccount is null) yield break;

        var annotations = context.Subject.Metadata.Annotations;
        if (annotations is null || !annotations.TryGetValue(KnownKeys.GcpServiceAccount, out var value)) yield break;

        var target = new GsaFixTarget(context.Subject.Namespace, context.Subject.Name, WorkloadPool.ProjectOf(context.Facts.WorkloadPool));
        foreach (var problem in GsaValueCheck.Inspect(value, target))
            yield return context.Finding(this, problem.Message, problem.Why, problem.Fix, problem.Advisory);
    }
}
