using System.Text.Json.Nodes;
using WiGuard.Core.Configuration;
using WiGuard.Core.Evaluation;
using WiGuard.Core.Facts;
using WiGuard.Core.Kubernetes;
using WiGuard.Core.Messages;
using WiGuard.Core.Rules;
using WiGuard.Core.Tests.Support;

namespace WiGuard.Core.Tests.Evaluation;

/// <summary>Evaluator and DecisionPolicy together, on objects as the webhook reads them.</summary>
public sealed class DecisionPolicyTests
{
    private const string Gsa = "app-gsa@acme-prod.iam.gserviceaccount.com";
    private static readonly EvaluationFacts Facts = new() { WorkloadPool = "acme-prod.svc.id.goog" };

    private static Decision Decide(WiGuardOptions options, ReviewedObject subject, ReviewedObject? old = null, Namespace? ns = null)
    {
        var evaluator = new Evaluator();
        var policy = new DecisionPolicy(options);
        var previous = old is null ? null : evaluator.Evaluate(old, Facts);
        return policy.Decide(subject, evaluator.Evaluate(subject, Facts), previous, policy.ModeFor(ns));
    }

    private static ReviewedObject MisspelledKey(string ksa = "app-ksa", string ns = "apps") =>
        Manifests.ServiceAccount(ksa, ns, ("iam.gke.io/gcp_service_account", Gsa));

    private static ReviewedObject DeploymentWithoutKsa(string? exemptAnnotation = null)
    {
        var manifest = Manifests.Load("Deployment");
        if (exemptAnnotation is not null)
            manifest["metadata"]!["annotations"] = new JsonObject { ["wiguard.io/exempt"] = exemptAnnotation };
        return Manifests.Review(manifest);
    }

    private static Namespace NamespaceLabelled(string mode) =>
        new() { Metadata = new ObjectMeta { Name = "apps", Labels = new() { ["wiguard.io/mode"] = mode } } };

    [Fact]
    public void Decide_EnforceWithDenyFinding_DeniesWithTheFixInTheMessage()
    {
        var decision = Decide(new WiGuardOptions { Mode = Mode.Enforce }, MisspelledKey());

        Assert.False(decision.Allowed);
        var denial = Assert.Single(decision.Denials);
        Assert.Equal("WI001", denial.Finding.RuleId);
        var message = AdmissionMessages.Denial(decision, "ServiceAccount apps/app-ksa");
        Assert.Contains("kubectl annotate serviceaccount app-ksa -n apps iam.gke.io/gcp-service-account=app-gsa@acme-prod.iam.gserviceaccount.com iam.gke.io/gcp_service_account-", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_WarnMode_AllowsAndTurnsDenialsIntoWarnings()
    {
        var decision = Decide(new WiGuardOptions { Mode = Mode.Warn }, MisspelledKey());

        Assert.True(decision.Allowed);
        Assert.Equal("warn", decision.Outcome);
        Assert.Equal(RuleAction.Warn, Assert.Single(decision.Findings).Action);
    }

    [Fact]
    public void Decide_OffMode_SkipsEverything()
    {
        var decision = Decide(new WiGuardOptions { Mode = Mode.Off }, MisspelledKey());

        Assert.True(decision.Allowed);
        Assert.Empty(decision.Findings);
        Assert.Equal("mode is Off", decision.SkipReason);
    }

    [Fact]
    public void Decide_WarnLevelRuleInEnforce_AllowsWithAWarning()
    {
        var decision = Decide(new WiGuardOptions { Mode = Mode.Enforce }, DeploymentWithoutKsa());

        Assert.True(decision.Allowed);
        Assert.Equal("WI010", Assert.Single(decision.Warnings).Finding.RuleId);
    }

    [Fact]
    public void Decide_RuleRaisedToDeny_Denies()
    {
        var options = new WiGuardOptions { Mode = Mode.Enforce, Rules = new(StringComparer.OrdinalIgnoreCase) { ["WI010"] = RuleAction.Deny } };

        Assert.False(Decide(options, DeploymentWithoutKsa()).Allowed);
    }

    [Fact]
    public void Decide_RuleLoweredToWarn_Allows()
    {
        var options = new WiGuardOptions { Mode = Mode.Enforce, Rules = new(StringComparer.OrdinalIgnoreCase) { ["wi001"] = RuleAction.Warn } };

        Assert.True(Decide(options, MisspelledKey()).Allowed);
    }

    [Fact]
    public void Decide_RuleTurnedOff_DropsItsFindings()
    {
        var options = new WiGuardOptions { Mode = Mode.Enforce, Rules = new(StringComparer.OrdinalIgnoreCase) { ["WI001"] = RuleAction.Off } };

        var decision = Decide(options, MisspelledKey());

        Assert.True(decision.Allowed);
        Assert.Empty(decision.Findings);
    }

    [Fact]
    public void Decide_AdvisoryFindingOfADenyRule_OnlyWarns()
    {
        var appEngineDefault = Manifests.ServiceAccount("app-ksa", "apps", ("iam.gke.io/gcp-service-account", "acme-prod@appspot.gserviceaccount.com"));

        var decision = Decide(new WiGuardOptions { Mode = Mode.Enforce }, appEngineDefault);

        Assert.True(decision.Allowed);
        Assert.Equal("WI002", Assert.Single(decision.Warnings).Finding.RuleId);
    }

    [Fact]
    public void Decide_UpdateOfAnObjectThatAlreadyHadTheProblem_DowngradesToAPreExistingWarning()
    {
        var old = MisspelledKey();
        var edited = Manifests.ServiceAccount("app-ksa", "apps", ("iam.gke.io/gcp_service_account", Gsa), ("owner", "payments-team"));

        var decision = Decide(new WiGuardOptions { Mode = Mode.Enforce }, edited, old);

        Assert.True(decision.Allowed);
        var warning = Assert.Single(decision.Warnings);
        Assert.True(warning.PreExisting);
        Assert.EndsWith("(already present before this change)", AdmissionMessages.WarningText(warning).Split(" Fix: ")[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_UpdateThatIntroducesTheProblem_Denies()
    {
        var old = Manifests.ServiceAccount("app-ksa", "apps", ("iam.gke.io/gcp-service-account", Gsa));

        var decision = Decide(new WiGuardOptions { Mode = Mode.Enforce }, MisspelledKey(), old);

        Assert.False(decision.Allowed);
        Assert.False(Assert.Single(decision.Denials).PreExisting);
    }

    [Fact]
    public void Decide_UpdateThatSwapsOneBadValueForAnother_DeniesTheNewProblem()
    {
        var old = Manifests.ServiceAccount("app-ksa", "apps", ("iam.gke.io/gcp-service-account", "app-gsa"));
        var edited = Manifests.ServiceAccount("app-ksa", "apps", ("iam.gke.io/gcp-service-account", "${GSA}"));

        Assert.False(Decide(new WiGuardOptions { Mode = Mode.Enforce }, edited, old).Allowed);
    }

    [Fact]
    public void Decide_ConfiguredExemptionForThisKsaAndRule_AllowsAndRecordsTheExemption()
    {
        var options = new WiGuardOptions { Mode = Mode.Enforce, Exemptions = [new Exemption { Namespace = "apps", ServiceAccount = "app-ksa", Rule = "WI001" }] };

        var decision = Decide(options, MisspelledKey());

        Assert.True(decision.Allowed);
        Assert.Empty(decision.Findings);
        var used = Assert.Single(decision.ExemptionsUsed);
        Assert.Equal("WI001", used.RuleId);
        Assert.Equal("configured exemption apps/app-ksa/WI001", used.Source);
    }

    [Theory]
    [InlineData("WI001", true)]
    [InlineData("wi001", true)]
    [InlineData("WI00*", true)]
    [InlineData("*", true)]
    [InlineData("WI002", false)]
    [InlineData("WI01*", false)]
    public void Decide_ConfiguredExemptionRulePattern_MatchesRuleIdsWhateverTheirCase(string rule, bool allowed)
    {
        var options = new WiGuardOptions { Mode = Mode.Enforce, Exemptions = [new Exemption { Namespace = "apps", Rule = rule }] };

        Assert.Equal(allowed, Decide(options, MisspelledKey()).Allowed);
    }

    [Fact]
    public void Decide_ConfiguredExemptionWithNamespacePrefix_MatchesOnlyThatPrefix()
    {
        var options = new WiGuardOptions { Mode = Mode.Enforce, Exemptions = [new Exemption { Namespace = "team-*", Rule = "WI001" }] };

        Assert.True(Decide(options, MisspelledKey(ns: "team-payments")).Allowed);
        Assert.False(Decide(options, MisspelledKey(ns: "apps")).Allowed);
    }

    [Fact]
    public void Decide_ConfiguredExemptionForAnotherKsa_DoesNotApply()
    {
        var options = new WiGuardOptions { Mode = Mode.Enforce, Exemptions = [new Exemption { Namespace = "apps", ServiceAccount = "other-ksa", Rule = "WI001" }] };

        var decision = Decide(options, MisspelledKey());

        Assert.False(decision.Allowed);
        Assert.Empty(decision.ExemptionsUsed);
    }

    [Fact]
    public void Decide_ConfiguredExemptionForAPodsKsa_MatchesTheKsaThePodsRunAs()
    {
        var options = new WiGuardOptions { Mode = Mode.Enforce, Exemptions = [new Exemption { Namespace = "payments", ServiceAccount = "default", Rule = "WI010" }] };

        var decision = Decide(options, DeploymentWithoutKsa());

        Assert.Empty(decision.Findings);
        Assert.Equal("WI010", Assert.Single(decision.ExemptionsUsed).RuleId);
    }

    [Fact]
    public void Decide_ObjectExemptAnnotationWhenNotAllowed_IsIgnored()
    {
        var decision = Decide(new WiGuardOptions { Mode = Mode.Enforce }, DeploymentWithoutKsa(exemptAnnotation: "WI010"));

        Assert.Equal("WI010", Assert.Single(decision.Warnings).Finding.RuleId);
        Assert.Empty(decision.ExemptionsUsed);
    }

    [Fact]
    public void Decide_ObjectExemptAnnotationWhenAllowed_ExemptsTheListedRulesOnlyAndRecordsIt()
    {
        var options = new WiGuardOptions { Mode = Mode.Enforce, AllowObjectExemptions = true };
        var manifest = Manifests.Load("Deployment");
        manifest["metadata"]!["annotations"] = new JsonObject { ["wiguard.io/exempt"] = "WI010, WI012" };
        var spec = Manifests.PodSpec(manifest);
        ((JsonObject)spec["containers"]![0]!)["env"] = new JsonArray(new JsonObject { ["name"] = "GOOGLE_APPLICATION_CREDENTIALS", ["value"] = "/var/secrets/google/key.json" });

        var decision = Decide(options, Manifests.Review(manifest));

        Assert.Equal("WI013", Assert.Single(decision.Findings).Finding.RuleId);
        var used = Assert.Single(decision.ExemptionsUsed);
        Assert.Equal(("WI010", "annotation wiguard.io/exempt"), (used.RuleId, used.Source));
    }

    [Theory]
    [InlineData("warn", Mode.Warn)]
    [InlineData("Enforce", Mode.Enforce)]
    [InlineData("off", Mode.Off)]
    [InlineData("audit", Mode.Enforce)]
    [InlineData("0", Mode.Enforce)]
    [InlineData("1", Mode.Enforce)]
    [InlineData("off,warn", Mode.Enforce)]
    [InlineData("", Mode.Enforce)]
    public void ModeFor_NamespaceLabel_OverridesOnlyWithAKnownModeName(string label, Mode expected)
    {
        var policy = new DecisionPolicy(new WiGuardOptions { Mode = Mode.Enforce });

        Assert.Equal(expected, policy.ModeFor(NamespaceLabelled(label)));
    }

    [Fact]
    public void Decide_NamespaceLabelledWarn_AllowsWhatEnforceWouldDeny()
    {
        var decision = Decide(new WiGuardOptions { Mode = Mode.Enforce }, MisspelledKey(), ns: NamespaceLabelled("warn"));

        Assert.True(decision.Allowed);
    }

    [Theory]
    [InlineData("kube-system", true)]
    [InlineData("gke-managed-system", true)]
    [InlineData("wiguard", true)]
    [InlineData("legacy-batch", true)]
    [InlineData("apps", false)]
    [InlineData("kube-systemx", false)]
    public void IsExemptNamespace_DefaultsOwnAndConfigured(string ns, bool exempt)
    {
        var policy = new DecisionPolicy(new WiGuardOptions { ExemptNamespaces = ["legacy-*"] }, ownNamespace: "wiguard");

        Assert.Equal(exempt, policy.IsExemptNamespace(ns));
    }

    [Fact]
    public void Decide_ObjectInAnExemptNamespace_IsSkippedWithTheReason()
    {
        var decision = Decide(new WiGuardOptions { Mode = Mode.Enforce }, MisspelledKey(ns: "kube-system"));

        Assert.True(decision.Allowed);
        Assert.Empty(decision.Findings);
        Assert.Equal("namespace kube-system is exempt", decision.SkipReason);
    }
}
