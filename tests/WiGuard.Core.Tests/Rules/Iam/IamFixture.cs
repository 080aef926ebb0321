using System.Text.Json;
using WiGuard.Core.Facts;
using WiGuard.Core.Kubernetes;
using WiGuard.Core.Rules;

namespace WiGuard.Core.Tests.Rules.Iam;

/// <summary>The acme-prod cluster: pool acme-prod.svc.id.goog, project number 123456789012.</summary>
internal static class IamFixture
{
    public const string Pool = "acme-prod.svc.id.goog";
    public const string Number = "123456789012";
    public const string AppGsa = "app-gsa@acme-prod.iam.gserviceaccount.com";
    public const string Role = "roles/iam.workloadIdentityUser";

    public static ReviewedObject ServiceAccount(string ns, string name, string? gsa)
    {
        var annotations = gsa is null ? "" : $$""", "annotations": { "iam.gke.io/gcp-service-account": "{{gsa}}" }""";
        var json = $$"""
            { "apiVersion": "v1", "kind": "ServiceAccount",
              "metadata": { "name": "{{name}}", "namespace": "{{ns}}", "uid": "3f1c9a52-7d0e-4c55-9b7e-0a6f3e1d2c11"{{annotations}} } }
            """;
        using var doc = JsonDocument.Parse(json);
        return new ReviewedObject(ResourceKind.ServiceAccount, ns, name, KubeObjectReader.Read(ResourceKind.ServiceAccount, doc.RootElement));
    }

    public static IamPolicy Policy(params IamBinding[] bindings) => new(3, "BwYjZ5k0eLg=", bindings);

    public static IamBinding Binding(string role, params string[] members) => new(role, members, null);

    public static GsaFacts Gsa(string email, IamPolicy policy, bool disabled = false) => new(email, LookupOutcome.Found, disabled, policy);

    public static ProjectFacts Project(string id, string number, IamPolicy policy) => new(id, LookupOutcome.Found, number, policy);

    public static EvaluationFacts With(GsaFacts? gsa, params ProjectFacts[] projects) => new()
    {
        WorkloadPool = Pool,
        PoolProjectNumber = Number,
        IamConfigured = true,
        ServiceAccounts = gsa is null ? new Dictionary<string, GsaFacts>() : new Dictionary<string, GsaFacts> { [gsa.Email] = gsa },
        Projects = projects.ToDictionary(p => p.ProjectId),
    };

    public static List<Finding> Run(IRule rule, ReviewedObject subject, EvaluationFacts facts) =>
        [.. rule.Evaluate(new RuleContext(subject, facts))];
}
