using WiGuard.Core.Facts;
using WiGuard.Core.Identity;
using WiGuard.Core.Rules;

namespace WiGuard.Tests.Check;

/// <summary>
/// Stand-in rules with test-only ids, so these tests pin the check pipeline (reading, lookup, decision,
/// reports) independently of the real catalogue's wording.
/// </summary>
public static class TestRules
{
    public static IReadOnlyList<IRule> All { get; } =
        [new ShortGsaNameRule(), new NoServiceAccountNameRule(), new KsaLookupEchoRule(), new IamFactsEchoRule()];

    /// <summary>Deny: a ServiceAccount's GSA annotation has no '@'.</summary>
    public sealed class ShortGsaNameRule : IRule
    {
        public string Id => "WT902";
        public RuleAction DefaultAction => RuleAction.Deny;
        public string Summary => "test: GSA annotation is a short name";

        public IEnumerable<Finding> Evaluate(RuleContext context)
        {
            if (context.Subject.ServiceAccount is null) yield break;
            var value = context.Subject.Metadata.Annotation(KnownKeys.GcpServiceAccount);
            if (value is not null && !value.Contains('@', StringComparison.Ordinal))
                yield return context.Finding(this, $"short GSA name '{value}'", "GKE needs the full email.", $"gcloud iam service-accounts describe {value}\nsecond line");
        }
    }

    /// <summary>Warn: a pod template names no KSA.</summary>
    public sealed class NoServiceAccountNameRule : IRule
    {
        public string Id => "WT910";
        public RuleAction DefaultAction => RuleAction.Warn;
        public string Summary => "test: no serviceAccountName";

        public IEnumerable<Finding> Evaluate(RuleContext context)
        {
            if (context.Subject.PodTemplate is { NamesServiceAccount: false })
                yield return context.Finding(this, "no serviceAccountName", "runs as default", "serviceAccountName: app");
        }
    }

    /// <summary>Warn: says what the KSA lookup answered for the pod template's KSA.</summary>
    public sealed class KsaLookupEchoRule : IRule
    {
        public string Id => "WT911";
        public RuleAction DefaultAction => RuleAction.Warn;
        public string Summary => "test: KSA lookup";

        public IEnumerable<Finding> Evaluate(RuleContext context)
        {
            if (context.Subject.PodTemplate is not { NamesServiceAccount: true } template) yield break;
            var found = context.Facts.Ksas.Find(context.Subject.Namespace, template.ServiceAccountName);
            var gsa = found.ServiceAccount?.Metadata?.Annotation(KnownKeys.GcpServiceAccount) ?? "-";
            yield return context.Finding(this, $"ksa {context.Subject.Namespace}/{template.ServiceAccountName}: {found.Status} gsa={gsa}", "why", "fix");
        }
    }

    /// <summary>Warn on ServiceAccounts: says which IAM facts the rules were given.</summary>
    public sealed class IamFactsEchoRule : IRule
    {
        public string Id => "WT903";
        public RuleAction DefaultAction => RuleAction.Warn;
        public string Summary => "test: IAM facts";

        public IEnumerable<Finding> Evaluate(RuleContext context)
        {
            if (context.Subject.ServiceAccount is null || !context.Facts.IamConfigured) yield break;
            var email = context.Subject.Metadata.Annotation(KnownKeys.GcpServiceAccount) ?? "";
            var outcome = context.Facts.ServiceAccount(email)?.Outcome.ToString() ?? "none";
            yield return context.Finding(this, $"iam pool={context.Facts.WorkloadPool} gsa={outcome}", "why", "fix");
        }
    }
}

/// <summary>IAM facts from memory: the GSAs listed exist, everything else is NotFound.</summary>
public sealed class InMemoryIamFacts : IIamFacts
{
    private readonly HashSet<string> _gsas;

    public InMemoryIamFacts(params string[] gsas) => _gsas = new HashSet<string>(gsas, StringComparer.Ordinal);

    public Dictionary<string, string> ProjectNumbers { get; } = [];

    public Task<GsaFacts> GetServiceAccountAsync(string email, CancellationToken cancellationToken) =>
        Task.FromResult(_gsas.Contains(email)
            ? new GsaFacts(email, LookupOutcome.Found, false, IamPolicy.Empty)
            : new GsaFacts(email, LookupOutcome.NotFound, false, null));

    public Task<ProjectFacts> GetProjectAsync(string projectId, CancellationToken cancellationToken) =>
        Task.FromResult(ProjectNumbers.TryGetValue(projectId, out var number)
            ? new ProjectFacts(projectId, LookupOutcome.Found, number, IamPolicy.Empty)
            : new ProjectFacts(projectId, LookupOutcome.NotFound, null, null));
}
