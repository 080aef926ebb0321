using WiGuard.Chart.Tests.Support;

namespace WiGuard.Chart.Tests;

public sealed class HelmLintTests
{
    [Fact]
    public async Task Lint_DefaultValues_PassesStrict()
    {
        var result = await Helm.RunAsync(["lint", RepoPaths.Chart, "--strict"]);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains("0 chart(s) failed", result.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("certManager.enabled=true")]
    [InlineData("mode=Enforce")]
    [InlineData("webhook.failurePolicy=Fail")]
    public async Task Lint_SupportedSettings_Pass(string setting)
    {
        var result = await Helm.RunAsync(["lint", RepoPaths.Chart, "--strict", "--set", setting]);

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task Lint_MisspelledKey_FailsNamingTheKey()
    {
        var result = await Helm.RunAsync(["lint", RepoPaths.Chart, "--set", "workloadPol=my-project.svc.id.goog"]);

        Assert.False(result.Succeeded);
        Assert.Contains("additional properties 'workloadPol' not allowed", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }
}
