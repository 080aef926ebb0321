using WiGuard.Core.Identity;

namespace WiGuard.Core.Rules.ServiceAccounts;

/// <summary>WI001: an annotation key that was meant to be <c>iam.gke.io/gcp-service-account</c> but is not.</summary>
public sealed class MisspelledGsaAnnotationKeyRule : IRule
{
    public string Id => "WI001";

    public RuleAction DefaultAction => RuleAction.Deny;

    public string Summary => $"An annotation key is a near miss of {KnownKeys.GcpServiceAccount}, so GKE ignores it";

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        if (context.Subject.ServiceAccount is null) yield break;

        var annotations = context.Subject.Metadata.Annotations;
        if (annotations is null) yield break;

        var hasExactKey = annotations.ContainsKey(KnownKeys.GcpServiceAccount);
        foreach (var (key, value) in annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (!AnnotationKeyNearMiss.IsNearMiss(key)) continue;

            yield return context.Finding(
                this,
                $"annotation key '{key}' is misspelled: GKE reads only '{KnownKeys.GcpServiceAccount}'",
                $"GKE looks for the exact key {KnownKeys.GcpServiceAccount} and silently ignores any other, so pods " +
                "of this KSA do not act as the GSA and their Google API calls fail with 403 (or run with the wrong identity).",
                Fix(context, key, value, hasExactKey));
        }
    }

    private static string Fix(RuleContext context, string key, string? value, bool hasExactKey)
    {
        var (ns, ksa) = (context.Subject.Namespace, context.Subject.Name);
        if (hasExactKey)
        {
            return ShellFix.Annotate(ns, ksa, $"{ShellFix.Quote(key)}-") +
                   $"\nor delete the key {key} from metadata.annotations in the manifest ({KnownKeys.GcpServiceAccount} is already set)";
        }

        return ShellFix.Annotate(ns, ksa, $"{KnownKeys.GcpServiceAccount}={ShellFix.Quote(value ?? "")} {ShellFix.Quote(key)}-") +
               $"\nor rename the key {key} to {KnownKeys.GcpServiceAccount} under metadata.annotations in the manifest";
    }
}
