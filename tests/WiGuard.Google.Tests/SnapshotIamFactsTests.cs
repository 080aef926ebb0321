using WiGuard.Core.Facts;
using WiGuard.Google.Snapshot;
using WiGuard.TestSupport;

namespace WiGuard.Google.Tests;

public sealed class SnapshotIamFactsTests
{
    private static readonly string ExamplePath = RepoFiles.Path("examples/iam-snapshot.json");

    [Fact]
    public async Task Load_ExampleSnapshot_AnswersForItsGsasAndProjects()
    {
        var snapshot = SnapshotIamFacts.Load(ExamplePath);

        var app = await snapshot.GetServiceAccountAsync("app-gsa@acme-prod.iam.gserviceaccount.com", CancellationToken.None);
        var legacy = await snapshot.GetServiceAccountAsync("legacy-gsa@acme-prod.iam.gserviceaccount.com", CancellationToken.None);
        var project = await snapshot.GetProjectAsync("acme-prod", CancellationToken.None);

        Assert.Equal(LookupOutcome.Found, app.Outcome);
        Assert.Equal("serviceAccount:acme-prod.svc.id.goog[apps/app-ksa]", Assert.Single(Assert.Single(app.Policy!.Bindings).Members));
        Assert.True(legacy.Disabled);
        Assert.Equal("123456789012", project.ProjectNumber);
        Assert.Equal(4, project.Policy!.Bindings.Count);
    }

    [Fact]
    public async Task GetServiceAccount_AbsentFromTheFile_IsNotFound()
    {
        var snapshot = SnapshotIamFacts.Load(ExamplePath);

        var facts = await snapshot.GetServiceAccountAsync("ghost-gsa@acme-prod.iam.gserviceaccount.com", CancellationToken.None);
        var project = await snapshot.GetProjectAsync("acme-nowhere", CancellationToken.None);

        Assert.Equal(LookupOutcome.NotFound, facts.Outcome);
        Assert.Equal(LookupOutcome.NotFound, project.Outcome);
    }

    [Fact]
    public async Task GetServiceAccount_ConditionalGrant_KeepsTheCondition()
    {
        var snapshot = SnapshotIamFacts.Load(ExamplePath);

        var audit = await snapshot.GetServiceAccountAsync("audit-gsa@acme-prod.iam.gserviceaccount.com", CancellationToken.None);

        var condition = Assert.Single(audit.Policy!.Bindings).Condition;
        Assert.Equal("nightly-audit-window", condition!.Title);
        Assert.Equal(3, audit.Policy.Version);
    }

    [Fact]
    public void Parse_BrokenJson_NamesTheFileLineAndPath()
    {
        const string json = "{\n  \"serviceAccounts\": {\n    \"app-gsa@acme-prod.iam.gserviceaccount.com\": { \"disabled\": nope }\n  }\n}";

        var error = Assert.Throws<IamSnapshotException>(() => SnapshotIamFacts.Parse(json, "ci/iam.json"));

        Assert.StartsWith("IAM snapshot ci/iam.json is not valid: line 3 at $.serviceAccounts['app-gsa@acme-prod.iam.gserviceaccount.com'].disabled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongTypeForAPolicy_NamesThePath()
    {
        const string json = """{ "projects": { "acme-prod": { "projectNumber": "123456789012", "iamPolicy": { "bindings": "none" } } } }""";

        var error = Assert.Throws<IamSnapshotException>(() => SnapshotIamFacts.Parse(json, "iam.json"));

        Assert.Contains("$.projects.acme-prod.iamPolicy.bindings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadEmailBadNumberAndMissingRole_ReportsEveryProblemAtOnce()
    {
        const string json = """
            { "projects": { "acme-prod": { "projectNumber": "PROJECT_NUMBER" } },
              "serviceAccounts": {
                "app-gsa": { "iamPolicy": { "bindings": [ { "members": ["user:a@acme.example"] } ] } } } }
            """;

        var error = Assert.Throws<IamSnapshotException>(() => SnapshotIamFacts.Parse(json, "iam.json"));

        Assert.Contains("$.serviceAccounts['app-gsa']: 'app-gsa' is not a service account email", error.Message, StringComparison.Ordinal);
        Assert.Contains("$.serviceAccounts['app-gsa'].iamPolicy.bindings[0] has no role", error.Message, StringComparison.Ordinal);
        Assert.Contains("$.projects['acme-prod'].projectNumber 'PROJECT_NUMBER' is not a project number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_NamesTheFileAndTheKey()
    {
        var error = Assert.Throws<IamSnapshotException>(() => SnapshotIamFacts.Load("/nonexistent/iam-snapshot.json"));

        Assert.StartsWith("IAM snapshot /nonexistent/iam-snapshot.json (Iam:SnapshotPath) cannot be read", error.Message, StringComparison.Ordinal);
    }
}
