using System.Text;
using WiGuard.Core.Facts;
using WiGuard.Core.Identity;
using WiGuard.Core.Kubernetes;
using WiGuard.Core.Rules.ServiceAccounts;

namespace WiGuard.Core.Rules.Pods;

/// <summary>The commands that move a workload from an exported key to Workload Identity, with the real names filled in.</summary>
internal static class ExportedKeyFix
{
    // The key's GSA is inside the key, which WiGuard never reads; the fix shows how to find it.
    private const string KeyGsa = "GSA_EMAIL";

    public static string For(RuleContext context, PodTemplate template, string containerPath, string? secret, string? secretKey)
    {
        var ns = context.Subject.Namespace;
        var usesDefault = template.ServiceAccountName == PodTemplate.DefaultServiceAccount;
        var ksa = usesDefault ? PodFix.SuggestedKsa(context.Subject) : template.ServiceAccountName;
        var annotatedGsa = usesDefault ? null : AnnotatedGsa(context.Facts.Ksas.Find(ns, ksa));

        var fix = new StringBuilder();
        fix.Append("# ").Append(KeyGsa).Append(" is the key's client_email");
        if (secret is not null && secretKey is not null)
        {
            fix.Append(": kubectl get secret ").Append(secret).Append(" -n ").Append(ns)
                .Append(" -o jsonpath='{.data.").Append(secretKey.Replace(".", "\\.", StringComparison.Ordinal)).Append("}' | base64 -d | grep client_email");
        }

        fix.Append('\n');
        if (annotatedGsa is not null)
        {
            fix.Append("# KSA ").Append(ksa).Append(" already acts as ").Append(annotatedGsa)
                .Append(": without the key the pods use it, so give it the roles ").Append(KeyGsa).Append(" has if they differ\n");
        }
        else
        {
            if (usesDefault) fix.Append("kubectl create serviceaccount ").Append(ksa).Append(" -n ").Append(ns).Append('\n');
            fix.Append(ShellFix.GrantWorkloadIdentityUser(KeyGsa, PodFix.Pool(context), ns, ksa)).Append('\n');
            fix.Append(ShellFix.SetGsa(ns, ksa, KeyGsa)).Append('\n');
            if (usesDefault) fix.Append("set serviceAccountName: ").Append(ksa).Append(" in ").Append(template.SpecPath).Append('\n');
        }

        fix.Append("remove env ").Append(ExportedKeyRule.CredentialsVariable);
        if (secret is not null) fix.Append(" and the mount of secret ").Append(secret);
        fix.Append(" from ").Append(containerPath).Append(", then delete the key:\n");
        fix.Append("gcloud iam service-accounts keys list --iam-account=").Append(KeyGsa).Append(" --managed-by=user\n");
        fix.Append("gcloud iam service-accounts keys delete KEY_ID --iam-account=").Append(KeyGsa);
        if (secret is not null) fix.Append("\nkubectl delete secret ").Append(secret).Append(" -n ").Append(ns);
        return fix.ToString();
    }

    private static string? AnnotatedGsa(KsaLookup lookup) =>
        lookup is { Status: KsaLookupStatus.Found, ServiceAccount: { } sa } &&
        GsaEmail.TryParse(sa.Metadata?.Annotation(KnownKeys.GcpServiceAccount), out var email)
            ? email.Value
            : null;
}
