using WiGuard.TestSupport.FakeKubernetes;
using WiGuard.Tests.Support;

namespace WiGuard.Tests.Cluster;

/// <summary>The namespace label <c>wiguard.io/mode</c>, read from the namespace cache, over the global Enforce mode.</summary>
public sealed class NamespaceModeTests : IAsyncLifetime
{
    // A short name instead of the GSA's email: WI002, deny by default.
    private static readonly string BadServiceAccount = Reviews.For(Reviews.ServiceAccount("apps", "app-ksa", value: "app-gsa"));

    private ClusterWebhook _sut = null!;

    public async Task InitializeAsync() => _sut = await ClusterWebhook.CreateAsync();

    public async Task DisposeAsync() => await _sut.DisposeAsync();

    [Fact]
    public async Task Validate_NamespaceLabelledOff_AllowsWithoutWarnings()
    {
        AppsNamespace(mode: "off");
        await _sut.StartReadyAsync();

        var response = await _sut.Webhook.ReviewAsync(BadServiceAccount);

        Assert.True(ClusterWebhook.Allowed(response));
        Assert.Empty(ClusterWebhook.Warnings(response));
    }

    [Fact]
    public async Task Validate_NamespaceLabelledWarn_AllowsWithTheFindingAsWarning()
    {
        AppsNamespace(mode: "warn");
        await _sut.StartReadyAsync();

        var response = await _sut.Webhook.ReviewAsync(BadServiceAccount);

        Assert.True(ClusterWebhook.Allowed(response));
        Assert.Contains(ClusterWebhook.Warnings(response), w => w.StartsWith("[WI002]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_NamespaceWithoutModeLabel_DeniesUnderGlobalEnforce()
    {
        AppsNamespace(mode: null);
        await _sut.StartReadyAsync();

        var response = await _sut.Webhook.ReviewAsync(BadServiceAccount);

        Assert.False(ClusterWebhook.Allowed(response));
        Assert.Contains("[WI002]", response.GetProperty("status").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_NamespaceLabelledEnforceUnderGlobalWarn_Denies()
    {
        AppsNamespace(mode: "enforce");
        await _sut.StartReadyAsync("--WiGuard:Mode=Warn");

        var response = await _sut.Webhook.ReviewAsync(BadServiceAccount);
        var elsewhere = await _sut.Webhook.ReviewAsync(Reviews.For(Reviews.ServiceAccount("staging", "app-ksa", value: "app-gsa")));

        Assert.False(ClusterWebhook.Allowed(response));
        Assert.True(ClusterWebhook.Allowed(elsewhere));
        Assert.Contains(ClusterWebhook.Warnings(elsewhere), w => w.StartsWith("[WI002]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_OtherNamespaceLabelledOff_DoesNotRelaxThisOne()
    {
        AppsNamespace(mode: null);
        _sut.ApplyNamespace("staging", ("wiguard.io/mode", "off"));
        await _sut.StartReadyAsync();

        var response = await _sut.Webhook.ReviewAsync(BadServiceAccount);

        Assert.False(ClusterWebhook.Allowed(response));
    }

    [Fact]
    public async Task Validate_NamespaceLabelChangedInTheCluster_IsFollowedWithoutRestart()
    {
        AppsNamespace(mode: null);
        await _sut.StartReadyAsync();
        Assert.False(ClusterWebhook.Allowed(await _sut.Webhook.ReviewAsync(BadServiceAccount)));

        AppsNamespace(mode: "warn");
        var warned = await _sut.ReviewUntilAsync(BadServiceAccount, ClusterWebhook.Allowed);
        Assert.Contains(ClusterWebhook.Warnings(warned), w => w.StartsWith("[WI002]", StringComparison.Ordinal));

        AppsNamespace(mode: "off");
        await _sut.ReviewUntilAsync(BadServiceAccount, r => ClusterWebhook.Allowed(r) && ClusterWebhook.Warnings(r).Count == 0);

        AppsNamespace(mode: null);
        var denied = await _sut.ReviewUntilAsync(BadServiceAccount, r => !ClusterWebhook.Allowed(r));
        Assert.Contains("[WI002]", denied.GetProperty("status").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_NamespaceDeletedFromTheCluster_FallsBackToGlobalMode()
    {
        AppsNamespace(mode: "off");
        await _sut.StartReadyAsync();
        Assert.True(ClusterWebhook.Allowed(await _sut.Webhook.ReviewAsync(BadServiceAccount)));

        _sut.Cluster.Delete(FakeResource.Namespaces, null, "apps");

        await _sut.ReviewUntilAsync(BadServiceAccount, r => !ClusterWebhook.Allowed(r));
    }

    private void AppsNamespace(string? mode)
    {
        if (mode is null) _sut.ApplyNamespace("apps", ("team", "payments"));
        else _sut.ApplyNamespace("apps", ("team", "payments"), ("wiguard.io/mode", mode));
    }
}
