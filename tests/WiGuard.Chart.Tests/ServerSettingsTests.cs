using WiGuard.Chart.Tests.Support;

namespace WiGuard.Chart.Tests;

/// <summary>Values reach the server as the `WiGuard__*` configuration keys it binds.</summary>
public sealed class ServerSettingsTests
{
    [Fact]
    public async Task Defaults_WarnModeFailOpenOnIamOutage()
    {
        var chart = await Helm.RenderAsync();

        Assert.Equal("Warn", chart.Env["WiGuard__Mode"]);
        Assert.Equal("Allow", chart.Env["WiGuard__Iam__OnLookupFailure"]);
        Assert.Equal("00:00:02", chart.Env["WiGuard__Iam__Timeout"]);
        Assert.Equal("00:05:00", chart.Env["WiGuard__Iam__CacheTtl"]);
        Assert.Equal("01:00:00", chart.Env["WiGuard__Audit__Interval"]);
        Assert.Equal("false", chart.Env["WiGuard__AllowObjectExemptions"]);
        Assert.Equal("Information", chart.Env["Serilog__MinimumLevel__Default"]);
        Assert.False(chart.Env.ContainsKey("WiGuard__WorkloadPool"));
    }

    [Fact]
    public async Task AuditInterval_Zero_TurnsTheBackgroundAuditOff()
    {
        var chart = await Helm.RenderAsync("--set-string", "audit.interval=00:00:00");

        Assert.Equal("00:00:00", chart.Env["WiGuard__Audit__Interval"]);
    }

    [Fact]
    public async Task AuditInterval_NotATimeSpan_IsRejectedBySchema()
    {
        var result = await Helm.TemplateAsync(["--set-string", "audit.interval=hourly"]);

        Assert.False(result.Succeeded);
        Assert.Contains("audit", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnforceMode_WithPoolAndRuleActions_ConfiguresTheServer()
    {
        var chart = await Helm.RenderAsync(
            "--set", "mode=Enforce",
            "--set", "workloadPool=acme-prod.svc.id.goog",
            "--set-string", "projectNumber=123456789012",
            "--set", "rules.WI010=Deny",
            "--set", "rules.WI014=Warn",
            "--set", "iam.onLookupFailure=Deny",
            "--set", "logLevel=Debug");

        Assert.Equal("Enforce", chart.Env["WiGuard__Mode"]);
        Assert.Equal("acme-prod.svc.id.goog", chart.Env["WiGuard__WorkloadPool"]);
        Assert.Equal("123456789012", chart.Env["WiGuard__ProjectNumber"]);
        Assert.Equal("Deny", chart.Env["WiGuard__Rules__WI010"]);
        Assert.Equal("Warn", chart.Env["WiGuard__Rules__WI014"]);
        Assert.Equal("Deny", chart.Env["WiGuard__Iam__OnLookupFailure"]);
        Assert.Equal("Debug", chart.Env["Serilog__MinimumLevel__Default"]);
    }

    [Fact]
    public async Task CustomExemptions_ReachServerAndWebhookSelector()
    {
        var chart = await Helm.RenderAsync(
            "--set", "exemptNamespaces={batch,sandbox-*}",
            "--set", "exemptions[0].namespace=payments",
            "--set", "exemptions[0].serviceAccount=legacy-runner",
            "--set", "exemptions[0].rule=WI013",
            "--set", "exemptions[1].namespace=ci",
            "--set", "allowObjectExemptions=true");

        Assert.Equal("batch", chart.Env["WiGuard__ExemptNamespaces__0"]);
        Assert.Equal("sandbox-*", chart.Env["WiGuard__ExemptNamespaces__1"]);
        Assert.Equal("payments", chart.Env["WiGuard__Exemptions__0__Namespace"]);
        Assert.Equal("legacy-runner", chart.Env["WiGuard__Exemptions__0__ServiceAccount"]);
        Assert.Equal("WI013", chart.Env["WiGuard__Exemptions__0__Rule"]);
        Assert.Equal("ci", chart.Env["WiGuard__Exemptions__1__Namespace"]);
        Assert.False(chart.Env.ContainsKey("WiGuard__Exemptions__1__Rule"));
        Assert.Equal("true", chart.Env["WiGuard__AllowObjectExemptions"]);

        var excluded = Rendered.Strings(chart.Webhook("validate.wiguard.io")["namespaceSelector"]!["matchExpressions"]!
            .AsArray().Single(e => (string?)e!["key"] == "kubernetes.io/metadata.name")!["values"]).ToList();
        Assert.Contains("batch", excluded);
        Assert.DoesNotContain("sandbox-*", excluded);
        Assert.DoesNotContain("payments", excluded);
    }

    [Fact]
    public async Task GcpServiceAccount_AnnotatesTheChartsServiceAccountForWorkloadIdentity()
    {
        var chart = await Helm.RenderAsync(
            "--set", "serviceAccount.gcpServiceAccount=wiguard@acme-prod.iam.gserviceaccount.com");

        var annotations = chart.Single("ServiceAccount")["metadata"]!["annotations"]!;
        Assert.Equal("wiguard@acme-prod.iam.gserviceaccount.com", (string?)annotations["iam.gke.io/gcp-service-account"]);
    }

    [Fact]
    public async Task ExtraEnv_IsAppendedAfterTheChartsSettings()
    {
        var chart = await Helm.RenderAsync(
            "--set", "extraEnv[0].name=WiGuard__Iam__Credentials",
            "--set", "extraEnv[0].value=None");

        Assert.Equal("None", chart.Env["WiGuard__Iam__Credentials"]);
    }
}
