using System.Text.Json;
using WiGuard.Tests.Support;

namespace WiGuard.Tests.Webhook;

/// <summary>Denials, warnings, modes and exemptions as kubectl users meet them, over real HTTPS.</summary>
public sealed class AdmissionDecisionTests
{
    private const string Pool = "--WiGuard:WorkloadPool=acme-prod.svc.id.goog";
    private static readonly string Examples = Path.Combine(RepoRoot(), "examples", "admission");

    [Fact]
    public async Task Enforce_ShortNameAnnotation_DeniesWith403AndTheExactFix()
    {
        await using var server = await WebhookServer.StartAsync(["--WiGuard:Mode=Enforce", Pool]);

        var response = await server.ReviewAsync(Example("serviceaccount-short-name.json"));

        Assert.False(response.GetProperty("allowed").GetBoolean());
        var status = response.GetProperty("status");
        Assert.Equal(403, status.GetProperty("code").GetInt32());
        var message = status.GetProperty("message").GetString()!;
        Assert.Contains("ServiceAccount apps/app-ksa", message, StringComparison.Ordinal);
        Assert.Contains("[WI002]", message, StringComparison.Ordinal);
        Assert.Contains("kubectl annotate serviceaccount app-ksa -n apps --overwrite iam.gke.io/gcp-service-account=app-gsa@acme-prod.iam.gserviceaccount.com", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warn_ShortNameAnnotation_AllowsWithAWarningThatCarriesTheFix()
    {
        await using var server = await WebhookServer.StartAsync(["--WiGuard:Mode=Warn", Pool]);

        var response = await server.ReviewAsync(Example("serviceaccount-short-name.json"));

        Assert.True(response.GetProperty("allowed").GetBoolean());
        var warning = Assert.Single(Warnings(response));
        Assert.StartsWith("[WI002]", warning, StringComparison.Ordinal);
        Assert.Contains("app-gsa@acme-prod.iam.gserviceaccount.com", warning, StringComparison.Ordinal);
        Assert.True(warning.Length <= 256, $"kubectl truncates warnings past 256 characters: {warning.Length}");
    }

    [Fact]
    public async Task Off_ShortNameAnnotation_AllowsSilently()
    {
        await using var server = await WebhookServer.StartAsync(["--WiGuard:Mode=Off"]);

        var response = await server.ReviewAsync(Example("serviceaccount-short-name.json"));

        Assert.True(response.GetProperty("allowed").GetBoolean());
        Assert.Empty(Warnings(response));
    }

    [Fact]
    public async Task Enforce_DeploymentWithDefaultKsaAndKeyFile_AllowsWithOneWarningPerFinding()
    {
        await using var server = await WebhookServer.StartAsync(["--WiGuard:Mode=Enforce"]);

        var response = await server.ReviewAsync(Example("deployment-default-ksa-with-key.json"));

        Assert.True(response.GetProperty("allowed").GetBoolean());
        var warnings = Warnings(response);
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.StartsWith("[WI010]", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("[WI013]", StringComparison.Ordinal) && w.Contains("web-gcp-key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Enforce_RuleOverriddenToDeny_DeniesWhatWasAWarning()
    {
        await using var server = await WebhookServer.StartAsync(["--WiGuard:Mode=Enforce", "--WiGuard:Rules:WI010=Deny"]);

        var response = await server.ReviewAsync(Example("deployment-default-ksa-with-key.json"));

        Assert.False(response.GetProperty("allowed").GetBoolean());
        Assert.Contains("[WI010]", response.GetProperty("status").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enforce_RuleTurnedOff_ReportsNothingForIt()
    {
        await using var server = await WebhookServer.StartAsync(["--WiGuard:Mode=Enforce", "--WiGuard:Rules:WI002=Off", Pool]);

        var response = await server.ReviewAsync(Example("serviceaccount-short-name.json"));

        Assert.True(response.GetProperty("allowed").GetBoolean());
        Assert.Empty(Warnings(response));
    }

    [Fact]
    public async Task Enforce_UpdateOfAnObjectThatWasAlreadyWrong_IsAllowedWithAWarning()
    {
        await using var server = await WebhookServer.StartAsync(["--WiGuard:Mode=Enforce", Pool]);
        var sa = Reviews.ServiceAccount("apps", "app-ksa", value: "app-gsa");
        var relabelled = sa.Replace("\"namespace\":\"apps\"", "\"namespace\":\"apps\",\"labels\":{\"team\":\"payments\"}", StringComparison.Ordinal);

        var response = await server.ReviewAsync(Reviews.For(relabelled, "UPDATE", oldObjectJson: sa));

        Assert.True(response.GetProperty("allowed").GetBoolean());
        var warning = Assert.Single(Warnings(response));
        Assert.Contains("already present before this change", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enforce_UpdateThatIntroducesTheProblem_IsDenied()
    {
        await using var server = await WebhookServer.StartAsync(["--WiGuard:Mode=Enforce", Pool]);
        var good = Reviews.ServiceAccount("apps", "app-ksa", value: "app-gsa@acme-prod.iam.gserviceaccount.com");
        var bad = Reviews.ServiceAccount("apps", "app-ksa", value: "app-gsa");

        var response = await server.ReviewAsync(Reviews.For(bad, "UPDATE", oldObjectJson: good));

        Assert.False(response.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Enforce_DryRun_IsJudgedLikeARealRequest()
    {
        await using var server = await WebhookServer.StartAsync(["--WiGuard:Mode=Enforce", Pool]);

        var response = await server.ReviewAsync(Reviews.For(Reviews.ServiceAccount("apps", "app-ksa", value: "app-gsa"), dryRun: true));

        Assert.False(response.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Enforce_ConfiguredExemptNamespace_IsNotEvaluated()
    {
        await using var server = await WebhookServer.StartAsync(["--WiGuard:Mode=Enforce", "--WiGuard:ExemptNamespaces:0=legacy-*"]);

        var response = await server.ReviewAsync(Reviews.For(Reviews.ServiceAccount("legacy-billing", "app-ksa", value: "app-gsa")));

        Assert.True(response.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Enforce_ConfiguredExemptionForKsaAndRule_SilencesOnlyThatRuleAndIsLogged()
    {
        await using var server = await WebhookServer.StartAsync([
            "--WiGuard:Mode=Enforce",
            "--WiGuard:Exemptions:0:Namespace=apps", "--WiGuard:Exemptions:0:ServiceAccount=default", "--WiGuard:Exemptions:0:Rule=WI010",
        ]);

        var response = await server.ReviewAsync(Example("deployment-default-ksa-with-key.json"));

        var warning = Assert.Single(Warnings(response));
        Assert.StartsWith("[WI013]", warning, StringComparison.Ordinal);
        Assert.Contains(server.LogLines, l => l.GetProperty("Properties").TryGetProperty("RuleId", out var id) && id.GetString() == "WI010");
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task Enforce_ExemptAnnotation_IsHonouredOnlyWhenAllowed(bool allowObjectExemptions, bool expectAllowed)
    {
        await using var server = await WebhookServer.StartAsync(["--WiGuard:Mode=Enforce", Pool, $"--WiGuard:AllowObjectExemptions={allowObjectExemptions}"]);
        var sa = Reviews.ServiceAccount("apps", "app-ksa", value: "app-gsa")
            .Replace("\"annotations\":{", "\"annotations\":{\"wiguard.io/exempt\":\"WI002\",", StringComparison.Ordinal);

        var response = await server.ReviewAsync(Reviews.For(sa));

        Assert.Equal(expectAllowed, response.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Enforce_CronJobWithDefaultKsa_WarnsAboutTheNestedTemplate()
    {
        await using var server = await WebhookServer.StartAsync(["--WiGuard:Mode=Enforce"]);
        const string cronJob = """
            {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"nightly","namespace":"apps"},
             "spec":{"schedule":"0 3 * * *","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"OnFailure",
             "containers":[{"name":"report","image":"us-docker.pkg.dev/acme-prod/apps/report:2.0"}]}}}}}}
            """;

        var response = await server.ReviewAsync(Reviews.For(cronJob));

        Assert.Contains(Warnings(response), w => w.StartsWith("[WI010]", StringComparison.Ordinal));
    }

    private static string Example(string name) => File.ReadAllText(Path.Combine(Examples, name));

    private static List<string> Warnings(JsonElement response) =>
        response.TryGetProperty("warnings", out var warnings) ? [.. warnings.EnumerateArray().Select(w => w.GetString()!)] : [];

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WiGuard.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("WiGuard.sln not found above the test output folder");
    }
}
