using WiGuard.Core.Facts;
using WiGuard.TestSupport.FakeGoogle;
using static WiGuard.Google.Tests.Acme;

namespace WiGuard.Google.Tests;

public sealed class LiveIamFactsTests : IAsyncLifetime
{
    private FakeGoogleServer _google = null!;

    public async Task InitializeAsync()
    {
        _google = await FakeGoogleServer.StartAsync();
        _google.AddServiceAccount(AppGsa, AppGsaPolicy);
        _google.AddProject("acme-prod", Number, ProjectPolicy);
    }

    public async Task DisposeAsync() => await _google.DisposeAsync();

    [Fact]
    public async Task GetServiceAccount_ExistingGsa_ReturnsItsPolicy()
    {
        using var stack = new GoogleStack(_google);

        var facts = await stack.Live.GetServiceAccountAsync(AppGsa, CancellationToken.None);

        Assert.Equal(LookupOutcome.Found, facts.Outcome);
        Assert.False(facts.Disabled);
        var binding = Assert.Single(facts.Policy!.Bindings);
        Assert.Equal("roles/iam.workloadIdentityUser", binding.Role);
        Assert.Equal(["serviceAccount:acme-prod.svc.id.goog[apps/app-ksa]"], binding.Members);
        Assert.Equal("BwYhH3c4Jxk=", facts.Policy.Etag);
    }

    [Fact]
    public async Task GetServiceAccount_UsesTheProjectFromTheEmailAndPolicyVersion3InTheQuery()
    {
        using var stack = new GoogleStack(_google);

        await stack.Live.GetServiceAccountAsync(AppGsa, CancellationToken.None);

        var requests = _google.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal(("GET", "/v1/projects/acme-prod/serviceAccounts/app-gsa@acme-prod.iam.gserviceaccount.com"), (requests[0].Method, requests[0].Path));
        Assert.Equal(("POST", "/v1/projects/acme-prod/serviceAccounts/app-gsa@acme-prod.iam.gserviceaccount.com:getIamPolicy"), (requests[1].Method, requests[1].Path));
        Assert.Equal("?options.requestedPolicyVersion=3", requests[1].Query);
        Assert.Equal("", requests[1].Body);
        Assert.All(requests, r => Assert.Equal("", r.Authorization));
    }

    [Fact]
    public async Task GetServiceAccount_DisabledGsa_SaysDisabled()
    {
        _google.AddServiceAccount("old-app@acme-prod.iam.gserviceaccount.com", AppGsaPolicy, disabled: true);
        using var stack = new GoogleStack(_google);

        var facts = await stack.Live.GetServiceAccountAsync("old-app@acme-prod.iam.gserviceaccount.com", CancellationToken.None);

        Assert.Equal(LookupOutcome.Found, facts.Outcome);
        Assert.True(facts.Disabled);
    }

    [Fact]
    public async Task GetServiceAccount_Google404_IsNotFound()
    {
        using var stack = new GoogleStack(_google);

        var facts = await stack.Live.GetServiceAccountAsync("ghost-gsa@acme-prod.iam.gserviceaccount.com", CancellationToken.None);

        Assert.Equal(LookupOutcome.NotFound, facts.Outcome);
        Assert.Equal(1, _google.TotalCalls);
    }

    [Fact]
    public async Task GetServiceAccount_Google403_IsPermissionDeniedNamingThePermissionAndLoggedOnce()
    {
        _google.FailAlways(new FakeFault(FakeFaultKind.PermissionDenied, "/serviceAccounts/"));
        using var stack = new GoogleStack(_google);

        var first = await stack.Live.GetServiceAccountAsync(AppGsa, CancellationToken.None);
        await stack.Live.GetServiceAccountAsync(AppGsa, CancellationToken.None);
        await stack.Live.GetServiceAccountAsync(AppGsa, CancellationToken.None);

        Assert.Equal(LookupOutcome.PermissionDenied, first.Outcome);
        Assert.Equal("WiGuard lacks iam.serviceAccounts.get (IAM answered 403)", first.Problem);
        var logged = Assert.Single(stack.Logger.Entries, e => e.Event.Id == 3001);
        Assert.Contains("iam.serviceAccounts.get", logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetServiceAccount_PolicyCall403_NamesGetIamPolicy()
    {
        _google.FailAlways(new FakeFault(FakeFaultKind.PermissionDenied, ":getIamPolicy"));
        using var stack = new GoogleStack(_google);

        var facts = await stack.Live.GetServiceAccountAsync(AppGsa, CancellationToken.None);

        Assert.Equal(LookupOutcome.PermissionDenied, facts.Outcome);
        Assert.Equal("WiGuard lacks iam.serviceAccounts.getIamPolicy (IAM answered 403)", facts.Problem);
    }

    [Fact]
    public async Task GetProject_ReadsTheNumberFromTheNameAndThePolicyWithVersion3()
    {
        using var stack = new GoogleStack(_google);

        var facts = await stack.Live.GetProjectAsync("acme-prod", CancellationToken.None);

        Assert.Equal(LookupOutcome.Found, facts.Outcome);
        Assert.Equal("123456789012", facts.ProjectNumber);
        Assert.Equal("roles/container.admin", Assert.Single(facts.Policy!.Bindings).Role);
        var policyCall = Assert.Single(_google.Requests, r => r.Path == "/v3/projects/acme-prod:getIamPolicy");
        Assert.Equal("""{"options":{"requestedPolicyVersion":3}}""", policyCall.Body);
    }

    [Fact]
    public async Task GetProject_UnknownProject_IsPermissionDeniedBecauseResourceManagerAnswers403()
    {
        using var stack = new GoogleStack(_google);

        var facts = await stack.Live.GetProjectAsync("acme-nowhere", CancellationToken.None);

        Assert.Equal(LookupOutcome.PermissionDenied, facts.Outcome);
        Assert.Equal("WiGuard lacks resourcemanager.projects.get (Resource Manager answered 403)", facts.Problem);
    }

    [Fact]
    public async Task GetServiceAccount_Throttled429WithRetryAfterThatFits_WaitsAndSucceeds()
    {
        _google.FailOnce(new FakeFault(FakeFaultKind.TooManyRequests, "/serviceAccounts/", TimeSpan.FromSeconds(1)));
        using var stack = new GoogleStack(_google, timeout: TimeSpan.FromSeconds(3));
        var started = TimeProvider.System.GetTimestamp();

        var facts = await stack.Live.GetServiceAccountAsync(AppGsa, CancellationToken.None);

        Assert.Equal(LookupOutcome.Found, facts.Outcome);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromSeconds(0.95), "Retry-After was not honoured");
        Assert.Equal(3, _google.TotalCalls);
    }

    [Fact]
    public async Task GetServiceAccount_Throttled429WithRetryAfterBeyondTheBudget_GivesUpAtOnce()
    {
        _google.FailAlways(new FakeFault(FakeFaultKind.TooManyRequests, "/serviceAccounts/", TimeSpan.FromSeconds(30)));
        using var stack = new GoogleStack(_google);

        var facts = await stack.Live.GetServiceAccountAsync(AppGsa, CancellationToken.None);

        Assert.Equal(LookupOutcome.Unavailable, facts.Outcome);
        Assert.Equal("IAM throttled WiGuard (429)", facts.Problem);
        Assert.Equal(1, _google.TotalCalls);
    }

    [Fact]
    public async Task GetServiceAccount_ServerErrorsThenSuccess_RetriesWithinTheBudget()
    {
        _google.FailOnce(new FakeFault(FakeFaultKind.ServerError, "/serviceAccounts/"));
        _google.FailOnce(new FakeFault(FakeFaultKind.Unavailable, "/serviceAccounts/"));
        using var stack = new GoogleStack(_google);

        var facts = await stack.Live.GetServiceAccountAsync(AppGsa, CancellationToken.None);

        Assert.Equal(LookupOutcome.Found, facts.Outcome);
        Assert.Equal(4, _google.TotalCalls);
    }

    [Fact]
    public async Task GetServiceAccount_ConnectionReset_IsRetried()
    {
        _google.FailOnce(new FakeFault(FakeFaultKind.ResetConnection, "/serviceAccounts/"));
        using var stack = new GoogleStack(_google);

        var facts = await stack.Live.GetServiceAccountAsync(AppGsa, CancellationToken.None);

        Assert.Equal(LookupOutcome.Found, facts.Outcome);
    }

    [Fact]
    public async Task GetServiceAccount_ServerKeepsFailing_IsUnavailableWithinTheBudget()
    {
        _google.FailAlways(new FakeFault(FakeFaultKind.ServerError, "/serviceAccounts/"));
        using var stack = new GoogleStack(_google, timeout: TimeSpan.FromSeconds(1));
        var started = TimeProvider.System.GetTimestamp();

        var facts = await stack.Live.GetServiceAccountAsync(AppGsa, CancellationToken.None);

        Assert.Equal(LookupOutcome.Unavailable, facts.Outcome);
        Assert.StartsWith("127.0.0.1 answered 500", facts.Problem, StringComparison.Ordinal);
        // No retry starts after the budget; one attempt already under way may finish (slack for a busy machine).
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(2));
    }

    [Theory]
    [InlineData(FakeFaultKind.InvalidJson)]
    [InlineData(FakeFaultKind.WrongShape)]
    public async Task GetServiceAccount_UnreadablePolicy_IsUnavailableNotACrash(FakeFaultKind kind)
    {
        _google.FailAlways(new FakeFault(kind, ":getIamPolicy"));
        using var stack = new GoogleStack(_google);

        var facts = await stack.Live.GetServiceAccountAsync(AppGsa, CancellationToken.None);

        Assert.Equal(LookupOutcome.Unavailable, facts.Outcome);
        Assert.Equal("127.0.0.1 sent a response WiGuard cannot read", facts.Problem);
        Assert.Contains(stack.Logger.Entries, e => e.Event.Id == 3003);
    }

    [Fact]
    public async Task GetServiceAccount_EtagOnlyPolicy_IsAnEmptyPolicy()
    {
        _google.AddServiceAccount("bare-gsa@acme-prod.iam.gserviceaccount.com", """{"version":1,"etag":"ACAB"}""");
        using var stack = new GoogleStack(_google);

        var facts = await stack.Live.GetServiceAccountAsync("bare-gsa@acme-prod.iam.gserviceaccount.com", CancellationToken.None);

        Assert.Equal(LookupOutcome.Found, facts.Outcome);
        Assert.Empty(facts.Policy!.Bindings);
    }

    [Fact]
    public async Task GetServiceAccount_BindingWithoutRoleAndUnknownRole_KeepsTheUsableBindings()
    {
        _google.AddServiceAccount("odd-gsa@acme-prod.iam.gserviceaccount.com", """
            {"bindings":[{"members":["user:alice@acme.example"]},{"role":"roles/acme.customThing","members":["group:x@acme.example"]}],"etag":"BwY=","version":1}
            """);
        using var stack = new GoogleStack(_google);

        var facts = await stack.Live.GetServiceAccountAsync("odd-gsa@acme-prod.iam.gserviceaccount.com", CancellationToken.None);

        Assert.Equal(LookupOutcome.Found, facts.Outcome);
        Assert.Equal("roles/acme.customThing", Assert.Single(facts.Policy!.Bindings).Role);
    }

    [Fact]
    public async Task GetServiceAccount_WithAccessToken_SendsItAsBearer()
    {
        using var stack = new GoogleStack(_google, tokens: new FixedToken("ya29.test-token"));

        await stack.Live.GetServiceAccountAsync(AppGsa, CancellationToken.None);

        Assert.All(_google.Requests, r => Assert.Equal("Bearer ya29.test-token", r.Authorization));
        Assert.DoesNotContain(stack.Logger.Entries, e => e.Message.Contains("ya29", StringComparison.Ordinal));
    }

    private sealed class FixedToken(string token) : Auth.IAccessTokenSource
    {
        public Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(token);
    }
}
