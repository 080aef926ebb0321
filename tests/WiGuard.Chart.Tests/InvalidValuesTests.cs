using WiGuard.Chart.Tests.Support;

namespace WiGuard.Chart.Tests;

/// <summary>Wrong values stop `helm template` (and so `helm install`) with a message that names them.</summary>
public sealed class InvalidValuesTests
{
    [Theory]
    [InlineData("mdoe=Enforce", "additional properties 'mdoe' not allowed")]
    [InlineData("webhook.timeoutSecond=10", "additional properties 'timeoutSecond' not allowed")]
    [InlineData("serviceAccount.gcpServiceACcount=x", "additional properties 'gcpServiceACcount' not allowed")]
    [InlineData("mode=enforce", "'/mode': value must be one of 'Enforce', 'Warn', 'Off'")]
    [InlineData("webhook.failurePolicy=Never", "'/webhook/failurePolicy': value must be one of 'Ignore', 'Fail'")]
    [InlineData("webhook.timeoutSeconds=31", "'/webhook/timeoutSeconds'")]
    [InlineData("webhook.timeoutSeconds=five", "'/webhook/timeoutSeconds': got string, want integer")]
    [InlineData("rules.WI01=Deny", "additional properties 'WI01' not allowed")]
    [InlineData("rules.WI010=Block", "'/rules/WI010': value must be one of 'Deny', 'Warn', 'Off'")]
    [InlineData("projectNumber=123456789012", "'/projectNumber': got number, want string")]
    [InlineData("workloadPool=acme-prod", "'/workloadPool'")]
    [InlineData("serviceAccount.gcpServiceAccount=wiguard@acme-prod", "'/serviceAccount/gcpServiceAccount'")]
    [InlineData("containerPort=443", "'/containerPort'")]
    [InlineData("iam.timeout=2s", "'/iam/timeout'")]
    [InlineData("exemptions[0].serviceAccount=legacy", "'/exemptions/0': missing property 'namespace'")]
    public async Task Template_InvalidValue_FailsNamingIt(string setting, string expectedMessage)
    {
        var result = await Helm.TemplateAsync(["--set", setting]);

        Assert.False(result.Succeeded, $"helm accepted --set {setting}");
        Assert.Contains("values don't meet the specifications of the schema", result.StdErr, StringComparison.Ordinal);
        Assert.Contains(expectedMessage, result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_IssuerRefWithoutName_FailsNamingTheKey()
    {
        var result = await Helm.TemplateAsync(
            ["--set", "certManager.enabled=true", "--set", "certManager.issuerRef.kind=ClusterIssuer"]);

        Assert.False(result.Succeeded);
        Assert.Contains("certManager.issuerRef.name is required", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:05", 5)]
    [InlineData("00:01:00", 30)]
    public async Task Template_IamTimeoutNotShorterThanWebhookTimeout_FailsNamingBoth(string iamTimeout, int webhookTimeout)
    {
        var result = await Helm.TemplateAsync(
            ["--set", $"iam.timeout={iamTimeout}", "--set", $"webhook.timeoutSeconds={webhookTimeout}"]);

        Assert.False(result.Succeeded);
        Assert.Contains($"iam.timeout ({iamTimeout}) must be shorter than webhook.timeoutSeconds ({webhookTimeout})", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_IamTimeoutWithinWebhookTimeout_Renders()
    {
        var chart = await Helm.RenderAsync("--set", "iam.timeout=00:00:06", "--set", "webhook.timeoutSeconds=10");

        Assert.Equal("00:00:06", chart.Env["WiGuard__Iam__Timeout"]);
    }

    [Fact]
    public async Task Install_InvalidValue_FailsBeforeReachingTheCluster()
    {
        var result = await Helm.RunAsync(
            ["install", Helm.Release, RepoPaths.Chart, "--namespace", Helm.Namespace, "--dry-run=client", "--set", "mode=Strict"]);

        Assert.False(result.Succeeded);
        Assert.Contains("'/mode': value must be one of 'Enforce', 'Warn', 'Off'", result.StdErr, StringComparison.Ordinal);
    }
}
