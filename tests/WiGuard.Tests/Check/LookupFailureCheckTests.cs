using WiGuard.Core.Facts;

namespace WiGuard.Tests.Check;

/// <summary>`check` honours WiGuard:Iam:OnLookupFailure as the webhook does.</summary>
public sealed class LookupFailureCheckTests : IDisposable
{
    private const string Sa = """
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: app-ksa
          namespace: apps
          annotations:
            iam.gke.io/gcp-service-account: app-gsa@acme-prod.iam.gserviceaccount.com
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("wiguard-lookup-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("Allow", 0)]
    [InlineData("Deny", 1)]
    public async Task Check_IamUnreachable_FollowsOnLookupFailure(string onLookupFailure, int exitCode)
    {
        var file = Path.Combine(_dir, "sa.yaml");
        await File.WriteAllTextAsync(file, Sa);
        var harness = new CliHarness { IamFacts = _ => new UnreachableIam() };

        var result = await harness.RunAsync("check", "-f", file, "--live", "--workload-pool", "acme-prod.svc.id.goog",
            $"--WiGuard:Iam:OnLookupFailure={onLookupFailure}");

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains("[WI003] could not check GSA app-gsa@acme-prod.iam.gserviceaccount.com", result.Out, StringComparison.Ordinal);
    }

    private sealed class UnreachableIam : IIamFacts
    {
        public Task<GsaFacts> GetServiceAccountAsync(string email, CancellationToken cancellationToken) =>
            Task.FromResult(GsaFacts.Unavailable(email, "IAM did not answer within 2s"));

        public Task<ProjectFacts> GetProjectAsync(string projectId, CancellationToken cancellationToken) =>
            Task.FromResult(ProjectFacts.Unavailable(projectId, "IAM did not answer within 2s"));
    }
}
