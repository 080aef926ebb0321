using System.Text.Json;

namespace WiGuard.Tests.Check;

/// <summary>The machine-readable reports, parsed the way CI tools and code-scanning dashboards read them.</summary>
public sealed class ReportFormatTests : IDisposable
{
    private const string Manifests = """
        # Source: app/templates/sa.yaml
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: app-ksa
          namespace: apps
          annotations:
            iam.gke.io/gcp-service-account: app-gsa
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: apps
        spec:
          template:
            spec:
              containers: [{name: web, image: nginx}]
        ---
        replicaCount: 1
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("wiguard-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(CliResult Result, string RelativeFile)> RunAsync(string format)
    {
        // A relative path, as CI passes it, so SARIF can use it as a repository-relative URI.
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(_dir, "app manifests.yaml")).Replace('\\', '/');
        await File.WriteAllTextAsync(relative, Manifests);
        var result = await new CliHarness { Rules = TestRules.All }.RunAsync("check", "-f", relative, "--output", format);
        return (result, relative);
    }

    [Fact]
    public async Task Json_HasVersionObjectsFindingsSkippedAndSummary()
    {
        var (result, file) = await RunAsync("json");

        var root = JsonAssert.Parse(result.Out);
        Assert.Equal(1, root.GetProperty("version").GetInt32());

        var objects = root.GetProperty("objects").EnumerateArray().ToList();
        Assert.Equal(2, objects.Count);
        var sa = objects[0];
        Assert.Equal(file, sa.GetProperty("file").GetString());
        Assert.Equal(2, sa.GetProperty("line").GetInt32());
        Assert.Equal("ServiceAccount", sa.GetProperty("kind").GetString());
        Assert.Equal("apps", sa.GetProperty("namespace").GetString());
        Assert.Equal("app-ksa", sa.GetProperty("name").GetString());
        var finding = Assert.Single(sa.GetProperty("findings").EnumerateArray());
        Assert.Equal("WT902", finding.GetProperty("rule").GetString());
        Assert.Equal("deny", finding.GetProperty("action").GetString());
        Assert.Equal("[WT902] short GSA name 'app-gsa'", finding.GetProperty("message").GetString());
        Assert.Equal("GKE needs the full email.", finding.GetProperty("why").GetString());
        Assert.Equal("gcloud iam service-accounts describe app-gsa\nsecond line", finding.GetProperty("fix").GetString());

        Assert.Equal(10, objects[1].GetProperty("line").GetInt32());
        Assert.Equal("warn", objects[1].GetProperty("findings")[0].GetProperty("action").GetString());

        var skipped = Assert.Single(root.GetProperty("skipped").EnumerateArray());
        Assert.Equal(20, skipped.GetProperty("line").GetInt32());

        var summary = root.GetProperty("summary");
        Assert.Equal(2, summary.GetProperty("objects").GetInt32());
        Assert.Equal(1, summary.GetProperty("deny").GetInt32());
        Assert.Equal(1, summary.GetProperty("warn").GetInt32());
        Assert.Equal(1, summary.GetProperty("exitCode").GetInt32());
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Json_NotesGoToStandardErrorSoStandardOutputStaysParseable()
    {
        var (result, _) = await RunAsync("json");

        Assert.Contains("IAM rules not checked", result.Error, StringComparison.Ordinal);
        var notes = JsonAssert.Parse(result.Out).GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.Equal(["IAM rules not checked: pass --iam-snapshot FILE or --live"], notes);
    }

    [Fact]
    public async Task Sarif_IsVersion210WithRulesResultsLevelsAndLocations()
    {
        var (result, file) = await RunAsync("sarif");

        var root = JsonAssert.Parse(result.Out);
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", root.GetProperty("$schema").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());

        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("WiGuard", driver.GetProperty("name").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["WT902", "WT910", "WT911", "WT903"], rules.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("test: GSA annotation is a short name", rules[0].GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal("error", rules[0].GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.Equal("warning", rules[1].GetProperty("defaultConfiguration").GetProperty("level").GetString());

        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        var deny = results[0];
        Assert.Equal("WT902", deny.GetProperty("ruleId").GetString());
        Assert.Equal(0, deny.GetProperty("ruleIndex").GetInt32());
        Assert.Equal("error", deny.GetProperty("level").GetString());
        Assert.StartsWith("[WT902] short GSA name 'app-gsa'\nWhy: GKE needs the full email.\nFix: gcloud", deny.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        var location = Assert.Single(deny.GetProperty("locations").EnumerateArray());
        var physical = location.GetProperty("physicalLocation");
        Assert.Equal(file.Replace(" ", "%20", StringComparison.Ordinal), physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(2, physical.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal("ServiceAccount apps/app-ksa", location.GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());

        Assert.Equal("warning", results[1].GetProperty("level").GetString());
        Assert.Equal(10, results[1].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Sarif_ForStdin_UsesAValidRelativeUri()
    {
        var result = await new CliHarness { Rules = TestRules.All, Stdin = Manifests }.RunAsync("check", "-f", "-", "-o", "sarif");

        var uri = JsonAssert.Parse(result.Out).GetProperty("runs")[0].GetProperty("results")[0]
            .GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString();
        Assert.Equal("stdin", uri);
        Assert.True(Uri.IsWellFormedUriString(uri, UriKind.Relative));
    }

    [Fact]
    public async Task Json_EmptyInput_IsStillAValidReport()
    {
        var result = await new CliHarness { Rules = TestRules.All, Stdin = "" }.RunAsync("check", "-f", "-", "-o", "json");

        var root = JsonAssert.Parse(result.Out);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("objects").ValueKind);
        Assert.Equal(0, root.GetProperty("objects").GetArrayLength());
        Assert.Equal(0, root.GetProperty("summary").GetProperty("exitCode").GetInt32());
        Assert.Equal(0, result.ExitCode);
    }
}
