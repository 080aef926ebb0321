using WiGuard.Core.Configuration;
using WiGuard.Core.Evaluation;
using WiGuard.Core.Facts;
using WiGuard.Core.Rules;
using WiGuard.Google.Snapshot;
using WiGuard.TestSupport;
using WiGuard.TestSupport.FakeGoogle;

namespace WiGuard.Google.Tests;

/// <summary>The rules over the example snapshot, and over live IAM serving the same policies: same answers.</summary>
public sealed class IamRulesEndToEndTests : IAsyncLifetime
{
    private static readonly string[] IamRules = ["WI003", "WI004", "WI005", "WI007"];
    private static readonly WiGuardOptions Cluster = new() { WorkloadPool = "acme-prod.svc.id.goog" };
    private FakeGoogleServer _google = null!;

    public async Task InitializeAsync()
    {
        _google = await FakeGoogleServer.StartAsync();
        _google.Load(await File.ReadAllTextAsync(RepoFiles.Path("examples/iam-snapshot.json")));
    }

    public async Task DisposeAsync() => await _google.DisposeAsync();

    public static TheoryData<string, string, string?, string> Cases => new()
    {
        { "apps", "app-ksa", "app-gsa@acme-prod.iam.gserviceaccount.com", "" },
        { "apps", "app-ksa", "orders-gsa@acme-prod.iam.gserviceaccount.com", "[WI004] apps/app-ksa may not act as orders-gsa@acme-prod.iam.gserviceaccount.com (near miss: namespace staging)" },
        { "apps", "app-ksa", "legacy-gsa@acme-prod.iam.gserviceaccount.com", "[WI003] GSA legacy-gsa@acme-prod.iam.gserviceaccount.com is disabled" },
        { "apps", "app-ksa", "shared-reader@acme-shared.iam.gserviceaccount.com", "" },
        { "apps", "app-ksa", "audit-gsa@acme-prod.iam.gserviceaccount.com", "[WI005] apps/app-ksa's only grant on audit-gsa@acme-prod.iam.gserviceaccount.com is conditional ('nightly-audit-window')" },
        { "apps", "app-ksa", "ghost-gsa@acme-prod.iam.gserviceaccount.com", "[WI003] GSA ghost-gsa@acme-prod.iam.gserviceaccount.com does not exist" },
        { "reports", "report-ksa", null, "[WI007] reports/report-ksa's roles/storage.objectViewer grant on project acme-prod is malformed (project number 987654321098)" },
        { "apps", "worker-ksa", null, "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Evaluate_ExampleSnapshot_GivesTheExpectedFindings(string ns, string ksa, string? gsa, string expected)
    {
        var snapshot = SnapshotIamFacts.Load(RepoFiles.Path("examples/iam-snapshot.json"));

        var messages = await EvaluateAsync(snapshot, ns, ksa, gsa);

        Assert.Equal(expected, string.Join("\n", messages));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Evaluate_LiveIamWithTheSamePolicies_AnswersLikeTheSnapshot(string ns, string ksa, string? gsa, string expected)
    {
        using var stack = new GoogleStack(_google);

        var messages = await EvaluateAsync(stack.Cached, ns, ksa, gsa);

        Assert.Equal(expected, string.Join("\n", messages));
    }

    [Fact]
    public async Task Gather_GrantAddedAfterTheDenyingAnswerWasCached_IsSeenSecondsLater()
    {
        const string gsa = "orders-gsa@acme-prod.iam.gserviceaccount.com";
        var clock = new ManualTimeProvider();
        using var stack = new GoogleStack(_google, clock);
        var denied = await EvaluateAsync(stack.Cached, "apps", "app-ksa", gsa);

        _google.SetServiceAccountPolicy(gsa, Acme.AppGsaPolicy);
        clock.Advance(TimeSpan.FromSeconds(3));
        var stillDenied = await EvaluateAsync(stack.Cached, "apps", "app-ksa", gsa);
        clock.Advance(FactGatherer.DenyingAnswerMaxAge);
        var allowed = await EvaluateAsync(stack.Cached, "apps", "app-ksa", gsa);

        Assert.StartsWith("[WI004]", Assert.Single(denied), StringComparison.Ordinal);
        Assert.StartsWith("[WI004]", Assert.Single(stillDenied), StringComparison.Ordinal);
        Assert.Empty(allowed);
    }

    [Fact]
    public async Task Gather_IamTooSlow_AllowsWithACouldNotCheckWarning()
    {
        _google.Delay = TimeSpan.FromSeconds(1);
        using var stack = new GoogleStack(_google, timeout: TimeSpan.FromMilliseconds(250));
        var subject = Subjects.ServiceAccount("apps", "app-ksa", "app-gsa@acme-prod.iam.gserviceaccount.com");
        var gatherer = new FactGatherer(stack.Cached, NoServiceAccountLookup.Instance, Cluster);

        var facts = await gatherer.GatherAsync(subject, CancellationToken.None);
        var findings = new Evaluator().Evaluate(subject, facts).Where(f => IamRules.Contains(f.RuleId)).ToList();
        var decision = new DecisionPolicy(new WiGuardOptions { Mode = Mode.Enforce }).Decide(subject, findings, null, Mode.Enforce);

        Assert.True(decision.Allowed);
        Assert.Equal(
            "[WI003] could not check GSA app-gsa@acme-prod.iam.gserviceaccount.com: IAM did not answer within 0.25s",
            Assert.Single(decision.Warnings).Finding.Message);
    }

    [Fact]
    public async Task Gather_IamTooSlowAndOnLookupFailureDeny_Denies()
    {
        _google.Delay = TimeSpan.FromSeconds(1);
        using var stack = new GoogleStack(_google, timeout: TimeSpan.FromMilliseconds(250));
        var subject = Subjects.ServiceAccount("apps", "app-ksa", "app-gsa@acme-prod.iam.gserviceaccount.com");
        var gatherer = new FactGatherer(stack.Cached, NoServiceAccountLookup.Instance, Cluster, LookupFailureAction.Deny);

        var facts = await gatherer.GatherAsync(subject, CancellationToken.None);
        var findings = new Evaluator().Evaluate(subject, facts).Where(f => IamRules.Contains(f.RuleId)).ToList();
        var decision = new DecisionPolicy(new WiGuardOptions { Mode = Mode.Enforce }).Decide(subject, findings, null, Mode.Enforce);

        Assert.False(decision.Allowed);
    }

    private static async Task<List<string>> EvaluateAsync(IIamFacts iam, string ns, string ksa, string? gsa)
    {
        var subject = Subjects.ServiceAccount(ns, ksa, gsa);
        var facts = await new FactGatherer(iam, NoServiceAccountLookup.Instance, Cluster).GatherAsync(subject, CancellationToken.None);
        return [.. new Evaluator(RuleCatalog.All).Evaluate(subject, facts).Where(f => IamRules.Contains(f.RuleId)).Select(f => f.Message)];
    }
}
