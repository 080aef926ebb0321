namespace WiGuard.Tests.Check;

/// <summary>
/// End to end on the real rule catalogue and the README's example manifests, with the behaviour
/// DESIGN.md promises: a short GSA name is denied (WI002), a Deployment without serviceAccountName warns (WI010).
/// </summary>
public sealed class CatalogueCheckTests
{
    private static readonly string Examples = Path.Combine(CliHarness.RepositoryRoot(), "examples", "manifests");

    private static Task<CliResult> CheckAsync(params string[] files) =>
        new CliHarness().RunAsync(["check", .. files.SelectMany(f => new[] { "-f", Path.Combine(Examples, f) })]);

    [Fact]
    public async Task Check_ServiceAccountWithShortGsaName_DeniesWithWI002AndExits1()
    {
        var result = await CheckAsync("bad-serviceaccount.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad-serviceaccount.yaml:3: ServiceAccount apps/app-ksa", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"\n  \[WI002\] [^\n]*app-gsa[^\n]*\(deny\)\n    Why: ", result.Out.ReplaceLineEndings("\n"));
        Assert.Contains("1 object checked, 1 deny, 0 warn", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_DeploymentWithoutServiceAccountName_WarnsWithWI010AndExits0()
    {
        var result = await CheckAsync("deployment-without-serviceaccount.yaml");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("deployment-without-serviceaccount.yaml:2: Deployment apps/web", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"\n  \[WI010\] [^\n]*\(warn\)\n", result.Out.ReplaceLineEndings("\n"));
        Assert.Contains("1 object checked, 0 deny, 1 warn", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_GoodPair_HasNoFindingsAndExits0()
    {
        var result = await CheckAsync("good-pair.yaml");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2 objects checked, 0 deny, 0 warn", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_BadServiceAccountInWarnMode_Exits0()
    {
        var result = await new CliHarness().RunAsync("check", "-f", Path.Combine(Examples, "bad-serviceaccount.yaml"), "--mode", "Warn");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[WI002]", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WholeExamplesFolder_Exits1ForTheBadServiceAccount()
    {
        var result = await new CliHarness().RunAsync("check", "-f", Examples, "-o", "json");

        var summary = JsonAssert.Parse(result.Out).GetProperty("summary");
        Assert.Equal(4, summary.GetProperty("objects").GetInt32());
        Assert.True(summary.GetProperty("deny").GetInt32() >= 1);
        Assert.Equal(1, result.ExitCode);
    }
}
