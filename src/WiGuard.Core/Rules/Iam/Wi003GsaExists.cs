using WiGuard.Core.Facts;
using WiGuard.Core.Identity;

namespace WiGuard.Core.Rules.Iam;

/// <summary>WI003: the annotated GSA must exist (IAM 404 denies) and be enabled (disabled warns).</summary>
public sealed class Wi003GsaExists : IRule
{
    public string Id => "WI003";

    public RuleAction DefaultAction => RuleAction.Deny;

    public string Summary => "The annotated GSA does not exist (IAM 404); warn if it is disabled";

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        if (IamSubject.AnnotatedGsa(context) is not { } gsa || context.Facts.ServiceAccount(gsa.Value) is not { } facts) yield break;

        switch (facts.Outcome)
        {
            case LookupOutcome.NotFound:
                yield return context.Finding(this,
                    $"GSA {gsa.Value} does not exist",
                    "IAM has no such service account, so every pod running as this KSA gets 403 errors from the metadata server " +
                    "and no Google API call succeeds.",
                    CreateCommand(gsa));
                break;
            case LookupOutcome.Found when facts.Disabled:
                yield return context.Finding(this,
                    $"GSA {gsa.Value} is disabled",
                    "A disabled service account cannot mint tokens: pods running as this KSA will fail every Google API call until it is enabled.",
                    $"gcloud iam service-accounts enable {gsa.Value} --project={gsa.ProjectId}",
                    advisory: true);
                break;
            case var outcome when IamSubject.Failed(outcome):
                yield return context.Finding(this,
                    $"could not check GSA {gsa.Value}: {facts.Problem ?? "IAM lookup failed"}",
                    IamSubject.LookupFailureWhy,
                    IamSubject.LookupFailureFix(gsa.ProjectId),
                    advisory: !context.Facts.LookupFailureDenies);
                break;
        }
    }

    private static string CreateCommand(GsaEmail gsa) => gsa.Kind == GsaKind.UserManaged
        ? $"gcloud iam service-accounts create {gsa.AccountId} --project={gsa.ProjectId}\n" +
          "# or, if the annotation has a typo, point it at the GSA that exists:\n" +
          $"gcloud iam service-accounts list --project={gsa.ProjectId} --format='value(email)'"
        : $"gcloud iam service-accounts list --project={gsa.ProjectId} --format='value(email)'\n" +
          "# the default service account was deleted: use a dedicated GSA instead";
}
