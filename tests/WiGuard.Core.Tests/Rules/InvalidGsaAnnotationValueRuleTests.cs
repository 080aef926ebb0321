using WiGuard.Core.Facts;
using WiGuard.Core.Identity;
using WiGuard.Core.Rules;
using WiGuard.Core.Rules.ServiceAccounts;
using WiGuard.Core.Tests.Support;

namespace WiGuard.Core.Tests.Rules;

public sealed class InvalidGsaAnnotationValueRuleTests
{
    private const string Pool = "acme-prod.svc.id.goog";
    private const string SetGsa = "kubectl annotate serviceaccount app-ksa -n apps --overwrite iam.gke.io/gcp-service-account=";

    private static List<Finding> Evaluate(string value, string? pool = Pool) =>
        [.. new InvalidGsaAnnotationValueRule().Evaluate(new RuleContext(
            Manifests.ServiceAccount("app-ksa", "apps", ("iam.gke.io/gcp-service-account", value)),
            new EvaluationFacts { WorkloadPool = pool }))];

    [Theory]
    [InlineData("app-gsa@acme-prod.iam.gserviceaccount.com")]
    [InlineData("app-gsa@my-project.iam.gserviceaccount.com")]
    [InlineData("billing-reader-2024@acme-prod.iam.gserviceaccount.com")]
    [InlineData("app-gsa@acme-prod.example.com.iam.gserviceaccount.com")]
    public void Evaluate_UserManagedGsaEmail_ReportsNothing(string value)
    {
        Assert.Empty(Evaluate(value));
    }

    [Fact]
    public void Evaluate_NoAnnotation_ReportsNothing()
    {
        var context = new RuleContext(Manifests.ServiceAccount("app-ksa", "apps"), EvaluationFacts.None);

        Assert.Empty(new InvalidGsaAnnotationValueRule().Evaluate(context));
    }

    [Fact]
    public void Evaluate_EmptyValue_SaysItIsEmpty()
    {
        var finding = Assert.Single(Evaluate(""));

        Assert.Equal("[WI002] GSA annotation is empty", finding.Message);
        Assert.Contains("kubectl annotate serviceaccount app-ksa -n apps iam.gke.io/gcp-service-account-", finding.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("app-gsa@acme-prod.iam.gserviceaccount.com ", "a trailing space")]
    [InlineData("app-gsa@acme-prod.iam.gserviceaccount.com\n", "a trailing newline")]
    [InlineData("app-gsa@acme-prod.iam.gserviceaccount.com\t", "a trailing tab")]
    [InlineData("  app-gsa@acme-prod.iam.gserviceaccount.com", "a leading space")]
    [InlineData(" app-gsa@acme-prod.iam.gserviceaccount.com\n", "leading and trailing whitespace")]
    public void Evaluate_Whitespace_NamesItAndFixesWithTheTrimmedValue(string value, string described)
    {
        var finding = Assert.Single(Evaluate(value));

        Assert.Equal($"[WI002] GSA email has {described}; GKE uses the annotation value exactly as written", finding.Message);
        Assert.Equal(SetGsa + "app-gsa@acme-prod.iam.gserviceaccount.com", finding.Fix);
    }

    [Theory]
    [InlineData("${GSA}", "${GSA}")]
    [InlineData("$(GSA_EMAIL)", "$(GSA_EMAIL)")]
    [InlineData("{{ .Values.workloadIdentity.gsa }}", "{{ .Values.workloadIdentity.gsa }}")]
    [InlineData("<your-gsa>@<project>.iam.gserviceaccount.com", "<your-gsa>")]
    [InlineData("CHANGEME", "CHANGEME")]
    [InlineData("app-gsa@$PROJECT.iam.gserviceaccount.com", "$PROJECT")]
    [InlineData("app-gsa@PROJECT_ID.iam.gserviceaccount.com", "PROJECT_ID")]
    [InlineData("app-gsa@project_id.iam.gserviceaccount.com", "project_id")]
    [InlineData("GSA_NAME@acme-prod.iam.gserviceaccount.com", "GSA_NAME")]
    public void Evaluate_Placeholder_NamesThePlaceholder(string value, string placeholder)
    {
        var finding = Assert.Single(Evaluate(value));

        Assert.Equal($"[WI002] GSA annotation holds the unfilled placeholder '{placeholder}'", finding.Message);
        Assert.False(finding.Advisory);
    }

    [Fact]
    public void Evaluate_ProjectIdPlaceholderWithPoolConfigured_FixFillsInThePoolsProject()
    {
        var finding = Assert.Single(Evaluate("app-gsa@PROJECT_ID.iam.gserviceaccount.com"));

        Assert.EndsWith("\n" + SetGsa + "app-gsa@acme-prod.iam.gserviceaccount.com", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ProjectIdPlaceholderWithoutPool_FixKeepsAPlaceholderAndSaysSo()
    {
        var finding = Assert.Single(Evaluate("app-gsa@${PROJECT}.iam.gserviceaccount.com", pool: null));

        Assert.Contains(SetGsa + "app-gsa@PROJECT_ID.iam.gserviceaccount.com\n", finding.Fix, StringComparison.Ordinal);
        Assert.Contains("replace PROJECT_ID with the GSA's project id", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AccountPlaceholder_FixKeepsTheDomainAndAsksForTheAccountId()
    {
        var finding = Assert.Single(Evaluate("${GSA}@acme-prod.iam.gserviceaccount.com"));

        Assert.Contains(SetGsa + "GSA_NAME@acme-prod.iam.gserviceaccount.com\n(replace GSA_NAME", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ShortNameWithPool_FixCompletesTheEmailInThePoolsProject()
    {
        var finding = Assert.Single(Evaluate("app-gsa"));

        Assert.Equal("[WI002] GSA annotation 'app-gsa' is a short name; GKE needs the full GSA email", finding.Message);
        Assert.Equal(SetGsa + "app-gsa@acme-prod.iam.gserviceaccount.com", finding.Fix);
    }

    [Fact]
    public void Evaluate_ShortNameWithoutPool_FixUsesAProjectPlaceholderAndSaysSo()
    {
        var finding = Assert.Single(Evaluate("app-gsa", pool: null));

        Assert.Equal(
            SetGsa + "app-gsa@PROJECT_ID.iam.gserviceaccount.com\n(no WorkloadPool is configured, so replace PROJECT_ID with the GSA's project id)",
            finding.Fix);
    }

    [Fact]
    public void Evaluate_UpperCase_FixLowerCasesTheEmail()
    {
        var finding = Assert.Single(Evaluate("App-GSA@Acme-Prod.iam.gserviceaccount.com"));

        Assert.Equal("[WI002] GSA email has upper-case letters; Google service account emails are all lower case", finding.Message);
        Assert.Equal(SetGsa + "app-gsa@acme-prod.iam.gserviceaccount.com", finding.Fix);
    }

    [Fact]
    public void Evaluate_WhitespaceAndUpperCase_ReportsBothAndEachFixGivesTheFullyCorrectedEmail()
    {
        var findings = Evaluate(" App-Gsa@acme-prod.iam.gserviceaccount.com\n");

        Assert.Equal(2, findings.Count);
        Assert.Contains("leading and trailing whitespace", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("upper-case", findings[1].Message, StringComparison.Ordinal);
        Assert.All(findings, f => Assert.Equal(SetGsa + "app-gsa@acme-prod.iam.gserviceaccount.com", f.Fix));
    }

    [Theory]
    [InlineData("app-gsa@gserviceaccount.com", "[WI002] GSA email '@gserviceaccount.com' lacks the project; GSAs use @PROJECT.iam.gserviceaccount.com")]
    [InlineData("app-gsa@acme-prod.iam.gserviceaccount.co", "[WI002] GSA email domain '@acme-prod.iam.gserviceaccount.co' is misspelled; GSAs use @PROJECT.iam.gserviceaccount.com")]
    [InlineData("app-gsa@acme-prod.iam.gserviceacount.com", "[WI002] GSA email domain '@acme-prod.iam.gserviceacount.com' is misspelled; GSAs use @PROJECT.iam.gserviceaccount.com")]
    public void Evaluate_MisspelledServiceAccountDomain_FixUsesTheRightDomain(string value, string message)
    {
        var finding = Assert.Single(Evaluate(value));

        Assert.Equal(message, finding.Message);
        Assert.Equal(SetGsa + "app-gsa@acme-prod.iam.gserviceaccount.com", finding.Fix);
    }

    [Fact]
    public void Evaluate_DomainIsJustTheProject_FixCompletesTheDomain()
    {
        var finding = Assert.Single(Evaluate("app-gsa@billing-prod"));

        Assert.Equal("[WI002] GSA email domain '@billing-prod' is incomplete; GSAs use @PROJECT.iam.gserviceaccount.com", finding.Message);
        Assert.Equal(SetGsa + "app-gsa@billing-prod.iam.gserviceaccount.com", finding.Fix);
    }

    [Theory]
    [InlineData("app-gsa@")]
    [InlineData("@acme-prod.iam.gserviceaccount.com")]
    public void Evaluate_NothingOnOneSideOfTheAt_SaysTheEmailIsIncomplete(string value)
    {
        var finding = Assert.Single(Evaluate(value));

        Assert.Equal($"[WI002] GSA email '{value}' is incomplete", finding.Message);
    }

    [Fact]
    public void Evaluate_BadAccountIdInADomainScopedProject_BlamesOnlyTheAccountId()
    {
        var finding = Assert.Single(Evaluate("app_gsa@acme-prod.example.com.iam.gserviceaccount.com"));

        Assert.Equal("[WI002] GSA account id 'app_gsa' contains '_'; only a-z, 0-9 and '-' are allowed", finding.Message);
    }

    [Fact]
    public void Evaluate_DeveloperDomainThatIsNotTheComputeDefault_SaysOnlyComputeDefaultsLiveThere()
    {
        var finding = Assert.Single(Evaluate("app-gsa@developer.gserviceaccount.com"));

        Assert.Equal("[WI002] only Compute default GSAs (NUMBER-compute@developer.gserviceaccount.com) use this domain", finding.Message);
    }

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("platform-team@googlegroups.com")]
    public void Evaluate_PersonOrGroupEmail_SaysItIsNotAServiceAccount(string value)
    {
        var finding = Assert.Single(Evaluate(value));

        Assert.Equal($"[WI002] '{value}' is a user or group email, not a Google service account", finding.Message);
        Assert.Equal(
            "gcloud iam service-accounts create app-ksa --project=acme-prod\n" + SetGsa + "app-ksa@acme-prod.iam.gserviceaccount.com",
            finding.Fix);
    }

    [Theory]
    [InlineData("app@acme-prod.iam.gserviceaccount.com", "[WI002] GSA account id 'app' has 3 characters; account ids have 6–30")]
    [InlineData("billing-reader-for-the-nightly-report@acme-prod.iam.gserviceaccount.com", "[WI002] GSA account id 'billing-reader-for-the-nightly-report' has 37 characters; account ids have 6–30")]
    [InlineData("app_gsa@acme-prod.iam.gserviceaccount.com", "[WI002] GSA account id 'app_gsa' contains '_'; only a-z, 0-9 and '-' are allowed")]
    [InlineData("1app-gsa@acme-prod.iam.gserviceaccount.com", "[WI002] GSA account id '1app-gsa' must start with a letter")]
    [InlineData("app-gsa-@acme-prod.iam.gserviceaccount.com", "[WI002] GSA account id 'app-gsa-' must not end with '-'")]
    [InlineData("app-gsa@acme.iam.gserviceaccount.com", "[WI002] project 'acme' in the GSA email is not a valid project id")]
    [InlineData("app-gsa@acme-prod@iam.gserviceaccount.com", "[WI002] GSA email has more than one '@'")]
    public void Evaluate_MalformedAccountOrProject_SaysWhatIsWrong(string value, string message)
    {
        var finding = Assert.Single(Evaluate(value));

        Assert.Equal(message, finding.Message);
    }

    [Fact]
    public void Evaluate_AppEngineDefaultGsa_WarnsAdvisoryWithADedicatedGsaFix()
    {
        var finding = Assert.Single(Evaluate("acme-prod@appspot.gserviceaccount.com"));

        Assert.True(finding.Advisory);
        Assert.Equal("[WI002] GSA is the App Engine default GSA; use a dedicated GSA for this workload", finding.Message);
        Assert.Equal(
            "gcloud iam service-accounts create app-ksa --project=acme-prod\n" + SetGsa + "app-ksa@acme-prod.iam.gserviceaccount.com",
            finding.Fix);
    }

    [Fact]
    public void Evaluate_ComputeDefaultGsa_WarnsAdvisory()
    {
        var finding = Assert.Single(Evaluate("123456789012-compute@developer.gserviceaccount.com"));

        Assert.True(finding.Advisory);
        Assert.Equal("[WI002] GSA is the Compute Engine default GSA; use a dedicated GSA for this workload", finding.Message);
        Assert.Contains("node", finding.Why, StringComparison.Ordinal);
    }

    // Whatever the value, the rule never lets an unusable value through and never flags a usable one.
    [Theory]
    [InlineData("app-gsa@acme-prod.iam.gserviceaccount.com")]
    [InlineData("app-gsa@acme-prod.iam.gserviceaccount.com.")]
    [InlineData("app-gsa@.iam.gserviceaccount.com")]
    [InlineData("@acme-prod.iam.gserviceaccount.com")]
    [InlineData("app-gsa@")]
    [InlineData("app gsa@acme-prod.iam.gserviceaccount.com")]
    [InlineData("app-gsa@acme-prod.iam.gserviceaccount.com,other@acme-prod.iam.gserviceaccount.com")]
    [InlineData("serviceAccount:app-gsa@acme-prod.iam.gserviceaccount.com")]
    [InlineData("app-gsa@acme-prod..iam.gserviceaccount.com")]
    [InlineData("projects/acme-prod/serviceAccounts/app-gsa@acme-prod.iam.gserviceaccount.com")]
    [InlineData("acme@appspot.gserviceaccount.com")]
    [InlineData("12345-compute@developer.gserviceaccount.com")]
    [InlineData("app-gsa@acme-prod.iam.gserviceaccount.com\r\n")]
    [InlineData("app-gsa\u00a0@acme-prod.iam.gserviceaccount.com")]
    public void Evaluate_AnyValue_ReportsAProblemExactlyWhenGkeCouldNotUseIt(string value)
    {
        var usable = GsaEmail.TryParse(value, out var email) && email.Kind == GsaKind.UserManaged;
        var findings = Evaluate(value).Where(f => !f.Advisory).ToList();

        Assert.Equal(usable, findings.Count == 0);
    }
}
