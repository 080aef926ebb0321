using System.Text.Json;
using WiGuard.Tests.Support;

namespace WiGuard.Tests.Webhook;

/// <summary>What is evaluated and what is let through untouched, as the API server sees it.</summary>
public sealed class AdmissionFlowTests : IAsyncLifetime
{
    private WebhookServer _server = null!;

    public async Task InitializeAsync() => _server = await WebhookServer.StartAsync(["--WiGuard:Mode=Enforce"]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Validate_EchoesTheRequestUid()
    {
        var response = await _server.ReviewAsync(Reviews.For(Reviews.ServiceAccount("apps", "app-ksa"), uid: "b3c0a1e2-0000-4c1d-9f00-deadbeef0001"));

        Assert.Equal("b3c0a1e2-0000-4c1d-9f00-deadbeef0001", response.GetProperty("uid").GetString());
    }

    [Fact]
    public async Task Validate_Delete_IsAllowedWithoutEvaluation()
    {
        var review = Reviews.For(Reviews.ServiceAccount("apps", "default", value: "short-name"), operation: "DELETE");

        var response = await _server.ReviewAsync(review);

        Assert.True(response.GetProperty("allowed").GetBoolean());
        Assert.False(response.TryGetProperty("warnings", out _));
        Assert.Contains(_server.LogLines, l => Property(l, "Reason") == "operation DELETE is not evaluated");
    }

    [Fact]
    public async Task Validate_StatusSubresource_IsAllowedWithoutEvaluation()
    {
        const string pod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"apps"},"spec":{"hostNetwork":true,"containers":[{"name":"web","image":"nginx"}]}}""";

        var response = await _server.ReviewAsync(Reviews.For(pod, "UPDATE", oldObjectJson: pod, subResource: "status"));

        Assert.True(response.GetProperty("allowed").GetBoolean());
        Assert.False(response.TryGetProperty("warnings", out _));
    }

    [Fact]
    public async Task Validate_KindWiGuardDoesNotCheck_IsAllowedUntouched()
    {
        const string secret = """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"key","namespace":"apps"},"data":{"key.json":"e30="}}""";

        var response = await _server.ReviewAsync(Reviews.For(secret));

        Assert.True(response.GetProperty("allowed").GetBoolean());
        Assert.False(response.TryGetProperty("status", out _));
    }

    [Fact]
    public async Task Validate_ObjectInExemptSystemNamespace_IsNotEvaluated()
    {
        var response = await _server.ReviewAsync(Reviews.For(Reviews.ServiceAccount("kube-system", "default", value: "not-an-email")));

        Assert.True(response.GetProperty("allowed").GetBoolean());
        Assert.Contains(_server.LogLines, l => Property(l, "Reason") == "namespace kube-system is exempt");
    }

    [Fact]
    public async Task Validate_EvaluatedAdmission_LogsOneJsonLineWithoutTheObject()
    {
        var sa = Reviews.ServiceAccount("apps", "app-ksa", "team.example.com/secret-note", "s3cr3t-value-not-for-logs");

        await _server.ReviewAsync(Reviews.For(sa, uid: "log-uid-1", dryRun: true));

        var line = Assert.Single(_server.LogLines, l => Property(l, "Uid") == "log-uid-1");
        Assert.Equal("ServiceAccount", Property(line, "Kind"));
        Assert.Equal("apps", Property(line, "Namespace"));
        Assert.Equal("app-ksa", Property(line, "Name"));
        Assert.Equal("CREATE", Property(line, "Operation"));
        Assert.Equal("allow", Property(line, "Decision"));
        Assert.True(line.GetProperty("Properties").GetProperty("DryRun").GetBoolean());
        Assert.True(line.GetProperty("Properties").GetProperty("DurationMs").GetDouble() >= 0);
        Assert.DoesNotContain("s3cr3t-value-not-for-logs", _server.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AfterAnAdmission_ExposesItsCounter()
    {
        await _server.ReviewAsync(Reviews.For(Reviews.ServiceAccount("apps", "app-ksa")));
        using var client = _server.Client();

        using var metrics = await client.GetAsync("/metrics");
        var text = await metrics.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", metrics.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE wiguard_admissions_total counter", text, StringComparison.Ordinal);
        Assert.Contains("wiguard_admissions_total{decision=\"allow\",kind=\"ServiceAccount\",operation=\"CREATE\"}", text, StringComparison.Ordinal);
        Assert.Contains("wiguard_admission_duration_seconds_bucket{kind=\"ServiceAccount\",le=\"+Inf\"}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_WithACertificateLoaded_IsReady()
    {
        using var client = _server.Client();

        using var ready = await client.GetAsync("/readyz");
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());

        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", body.RootElement.GetProperty("status").GetString());
    }

    private static string? Property(JsonElement line, string name) =>
        line.GetProperty("Properties").TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
