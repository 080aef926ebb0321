using System.Net;
using System.Text.Json;
using WiGuard.TestSupport.FakeKubernetes;
using WiGuard.Tests.Support;

namespace WiGuard.Tests.Cluster;

/// <summary>/readyz of a webhook wired to a cluster: not ready until the caches have listed, and why.</summary>
public sealed class ClusterReadinessTests : IAsyncLifetime
{
    private ClusterWebhook _sut = null!;

    public async Task InitializeAsync() => _sut = await ClusterWebhook.CreateAsync();

    public async Task DisposeAsync() => await _sut.DisposeAsync();

    [Fact]
    public async Task Readyz_TokenRefusedByTheApiServer_Is503NamingTheClusterAndThe401()
    {
        _sut.Cluster.RevokeToken(ClusterWebhook.Token);
        await _sut.StartWebhookAsync();

        var body = await _sut.WaitForReadyzAsync(HttpStatusCode.ServiceUnavailable, b => ClusterProblem(b)?.Contains("401", StringComparison.Ordinal) == true);

        Assert.Equal("not ready", body.GetProperty("status").GetString());
        var problem = ClusterProblem(body)!;
        Assert.Contains("Unauthorized", problem, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{_sut.Cluster.BaseUri.Port}", problem, StringComparison.Ordinal);
        Assert.Contains("not synced", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_TokenAcceptedAgain_BecomesReadyWithoutRestart()
    {
        _sut.Cluster.RevokeToken(ClusterWebhook.Token);
        await _sut.StartWebhookAsync();
        await _sut.WaitForReadyzAsync(HttpStatusCode.ServiceUnavailable, b => ClusterProblem(b)?.Contains("401", StringComparison.Ordinal) == true);

        _sut.Cluster.AllowToken(ClusterWebhook.Token);
        var body = await _sut.WaitForReadyzAsync(HttpStatusCode.OK);

        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.All(body.GetProperty("checks").EnumerateArray(), c => Assert.True(c.GetProperty("ready").GetBoolean()));
    }

    [Fact]
    public async Task Readyz_CachesListed_Is200()
    {
        _sut.Cluster.Apply(FakeResource.Namespaces, """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"apps"}}""");

        await _sut.StartReadyAsync();

        var (status, text) = await _sut.ReadyzAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(ClusterProblem(Reviews.Json(text)));
    }

    [Fact]
    public async Task Validate_WhileNotReady_StillJudgesWhatNeedsNoClusterFacts()
    {
        _sut.Cluster.RevokeToken(ClusterWebhook.Token);
        await _sut.StartWebhookAsync();
        await _sut.WaitForReadyzAsync(HttpStatusCode.ServiceUnavailable, b => ClusterProblem(b)?.Contains("401", StringComparison.Ordinal) == true);

        var response = await _sut.Webhook.ReviewAsync(Reviews.For(Reviews.ServiceAccount("apps", "app-ksa", value: "app-gsa")));

        Assert.False(ClusterWebhook.Allowed(response));
        Assert.Equal(403, response.GetProperty("status").GetProperty("code").GetInt32());
        Assert.Contains("[WI002]", response.GetProperty("status").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_PodWhileNotReady_IsAllowedNotDeniedOnAnUnknownKsa()
    {
        _sut.Cluster.RevokeToken(ClusterWebhook.Token);
        await _sut.StartWebhookAsync();
        await _sut.WaitForReadyzAsync(HttpStatusCode.ServiceUnavailable, b => ClusterProblem(b)?.Contains("401", StringComparison.Ordinal) == true);
        const string pod = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"worker-0","namespace":"apps"},
             "spec":{"serviceAccountName":"app-ksa","containers":[{"name":"worker","image":"us-docker.pkg.dev/acme-prod/apps/worker:1.4.2"}]}}
            """;

        var response = await _sut.Webhook.ReviewAsync(Reviews.For(pod));

        Assert.True(ClusterWebhook.Allowed(response));
        Assert.DoesNotContain(ClusterWebhook.Warnings(response), w => w.StartsWith("[WI011]", StringComparison.Ordinal));
    }

    private static string? ClusterProblem(JsonElement body) =>
        body.GetProperty("checks").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == "cluster")
            .TryGetProperty("problem", out var problem) && problem.ValueKind == JsonValueKind.String ? problem.GetString() : null;
}
