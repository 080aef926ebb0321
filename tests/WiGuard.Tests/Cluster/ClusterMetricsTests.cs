using System.Globalization;
using WiGuard.TestSupport.FakeKubernetes;
using WiGuard.Tests.Support;

namespace WiGuard.Tests.Cluster;

/// <summary>/metrics after admissions judged with cluster facts: one counter series per decision.</summary>
public sealed class ClusterMetricsTests : IAsyncLifetime
{
    private ClusterWebhook _sut = null!;

    public async Task InitializeAsync()
    {
        _sut = await ClusterWebhook.CreateAsync();
        _sut.ApplyNamespace("apps");
        _sut.ApplyServiceAccount("apps", "app-ksa", ClusterWebhook.OrdersGsa);
        await _sut.StartReadyAsync();
    }

    public async Task DisposeAsync() => await _sut.DisposeAsync();

    [Fact]
    public async Task Metrics_AfterAllowWarnAndDeny_CountsEachDecision()
    {
        // The meter is process-wide and other hosts in this test run record on it too: compare before and after.
        const string warnSeries = "wiguard_admissions_total{decision=\"warn\",kind=\"ReplicationController\",operation=\"UPDATE\"}";
        const string denySeries = "wiguard_admissions_total{decision=\"deny\",kind=\"ServiceAccount\",operation=\"CREATE\"}";
        const string allowSeries = "wiguard_admissions_total{decision=\"allow\",kind=\"ServiceAccount\",operation=\"CREATE\"}";
        var before = await MetricsAsync();

        var controller = ReplicationController(replicas: 2);
        var warned = await _sut.Webhook.ReviewAsync(Reviews.For(controller, "UPDATE", oldObjectJson: ReplicationController(replicas: 1)));
        await _sut.Webhook.ReviewAsync(Reviews.For(controller, "UPDATE", oldObjectJson: ReplicationController(replicas: 1)));
        var denied = await _sut.Webhook.ReviewAsync(Reviews.For(Reviews.ServiceAccount("apps", "orders-ksa", value: "orders-gsa")));
        var allowed = await _sut.Webhook.ReviewAsync(Reviews.For(Reviews.ServiceAccount("apps", "reader-ksa")));
        var after = await MetricsAsync();

        Assert.Contains(ClusterWebhook.Warnings(warned), w => w.StartsWith("[WI011]", StringComparison.Ordinal));
        Assert.False(ClusterWebhook.Allowed(denied));
        Assert.True(ClusterWebhook.Allowed(allowed));
        Assert.Contains("# TYPE wiguard_admissions_total counter", after, StringComparison.Ordinal);
        Assert.True(Sample(after, warnSeries) - Sample(before, warnSeries) >= 2, after);
        Assert.True(Sample(after, denySeries) - Sample(before, denySeries) >= 1, after);
        Assert.True(Sample(after, allowSeries) - Sample(before, allowSeries) >= 1, after);
        Assert.Contains("wiguard_findings_total{action=\"warn\",rule=\"WI011\"}", after, StringComparison.Ordinal);
        Assert.Contains("wiguard_findings_total{action=\"deny\",rule=\"WI002\"}", after, StringComparison.Ordinal);
    }

    private async Task<string> MetricsAsync()
    {
        using var client = _sut.Webhook.Client();
        using var response = await client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The series' value; summed, because every host this process started exports its own instruments.</summary>
    private static double Sample(string text, string series) =>
        text.Split('\n')
            .Where(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(series.Length + 1)..], CultureInfo.InvariantCulture));

    private static string ReplicationController(int replicas) => """
        {"apiVersion":"v1","kind":"ReplicationController",
         "metadata":{"name":"legacy-orders","namespace":"apps"},
         "spec":{"replicas":REPLICAS,"selector":{"app":"legacy-orders"},
          "template":{"metadata":{"labels":{"app":"legacy-orders"}},
           "spec":{"serviceAccountName":"app-ksa","containers":[{"name":"orders","image":"us-docker.pkg.dev/acme-prod/apps/orders:1.0.7"}]}}}}
        """.Replace("REPLICAS", replicas.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
