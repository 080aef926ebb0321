using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WiGuard.Core.Configuration;
using WiGuard.Core.Facts;
using WiGuard.Google.Caching;
using WiGuard.Google.Snapshot;
using WiGuard.TestSupport;

namespace WiGuard.Google.Tests;

public sealed class AddWiGuardIamTests
{
    [Fact]
    public void AddWiGuardIam_SnapshotPathSet_UsesTheSnapshot()
    {
        using var provider = Build(new() { ["WiGuard:Iam:SnapshotPath"] = RepoFiles.Path("examples/iam-snapshot.json"), ["WiGuard:WorkloadPool"] = "acme-prod.svc.id.goog" });

        Assert.IsType<SnapshotIamFacts>(provider.GetRequiredService<IIamFacts>());
        Assert.Equal("snapshot", provider.GetRequiredService<IamSource>().Kind);
    }

    [Fact]
    public void AddWiGuardIam_OnlyWorkloadPoolSet_UsesCachedLiveIam()
    {
        using var provider = Build(new() { ["WiGuard:WorkloadPool"] = "acme-prod.svc.id.goog", ["WiGuard:Iam:Credentials"] = "None" });

        Assert.IsType<CachedIamFacts>(provider.GetRequiredService<IIamFacts>());
    }

    [Fact]
    public void AddWiGuardIam_NeitherSet_RegistersNoIamSourceAndSaysBindingRulesAreSkipped()
    {
        using var provider = Build([]);

        Assert.Null(provider.GetService<IIamFacts>());
        Assert.Contains("binding rules (WI003–WI005, WI007) are skipped", provider.GetRequiredService<IamSource>().Description, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWiGuardIam_Defaults_MatchTheDesign()
    {
        using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<IamOptions>>().Value;

        Assert.Equal(new Uri("https://iam.googleapis.com/"), options.IamBaseUri);
        Assert.Equal(new Uri("https://cloudresourcemanager.googleapis.com/"), options.ResourceManagerBaseUri);
        Assert.Equal(IamCredentials.ApplicationDefault, options.Credentials);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Timeout);
        Assert.Equal(TimeSpan.FromMinutes(5), options.CacheTtl);
        Assert.Equal(LookupFailureAction.Allow, options.OnLookupFailure);
    }

    [Fact]
    public void AddWiGuardIam_BadValues_ReportsEveryProblemNamingItsKey()
    {
        using var provider = Build(new()
        {
            ["WiGuard:Iam:Timeout"] = "00:00:00",
            ["WiGuard:Iam:CacheTtl"] = "-00:01:00",
            ["WiGuard:Iam:IamBaseUri"] = "iam.local/v1",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<IamOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith("WiGuard:Iam:Timeout must be more than 0", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("WiGuard:Iam:CacheTtl must be more than 0", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("WiGuard:Iam:IamBaseUri must be an absolute http(s) URI", StringComparison.Ordinal));
    }

    [Fact]
    public void AddWiGuardIam_BrokenSnapshot_FailsValidationNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wiguard-broken-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{ \"serviceAccounts\": [ }");
        try
        {
            using var provider = Build(new() { ["WiGuard:Iam:SnapshotPath"] = path });

            var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<IamOptions>>().Value);

            Assert.Contains($"IAM snapshot {path} is not valid: line 1", Assert.Single(error.Failures), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddWiGuardIam(configuration).BuildServiceProvider();
    }
}
