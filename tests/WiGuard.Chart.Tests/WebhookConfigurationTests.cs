using WiGuard.Chart.Tests.Support;

namespace WiGuard.Chart.Tests;

public sealed class WebhookConfigurationTests
{
    private const string WorkloadsWebhook = "validate.wiguard.io";
    private const string MetadataPathWebhook = "metadata-path.wiguard.io";

    [Fact]
    public async Task Defaults_EveryEntryIsSafeForTheApiServer()
    {
        var chart = await Helm.RenderAsync();

        Assert.Equal([MetadataPathWebhook, WorkloadsWebhook], chart.Webhooks.Select(w => (string)w["name"]!).Order());
        Assert.All(chart.Webhooks, webhook =>
        {
            Assert.Equal(["v1"], Rendered.Strings(webhook["admissionReviewVersions"]));
            Assert.Equal("None", (string?)webhook["sideEffects"]);
            Assert.Equal(5, (int)webhook["timeoutSeconds"]!);
            Assert.Equal("Ignore", (string?)webhook["failurePolicy"]);
        });
    }

    [Fact]
    public async Task Defaults_CallTheServiceOnValidate()
    {
        var chart = await Helm.RenderAsync();

        var service = chart.Single("Service");
        Assert.All(chart.Webhooks, webhook =>
        {
            var target = webhook["clientConfig"]!["service"]!;
            Assert.Equal(Rendered.Name(service), (string?)target["name"]);
            Assert.Equal(Rendered.NamespaceOf(service), (string?)target["namespace"]);
            Assert.Equal("/validate", (string?)target["path"]);
            Assert.Equal(443, (int)target["port"]!);
        });
    }

    [Fact]
    public async Task WorkloadsEntry_CoversEveryCheckedKindOnCreateAndUpdate()
    {
        var chart = await Helm.RenderAsync();

        var rules = chart.Webhook(WorkloadsWebhook)["rules"]!.AsArray();
        var covered = rules
            .SelectMany(rule => Rendered.Strings(rule!["apiGroups"]).SelectMany(group =>
                Rendered.Strings(rule["resources"]).Select(resource => $"{group}/{resource}")))
            .Order()
            .ToList();
        string[] expected =
        [
            "/pods", "/replicationcontrollers", "/serviceaccounts",
            "apps/daemonsets", "apps/deployments", "apps/replicasets", "apps/statefulsets",
            "batch/cronjobs", "batch/jobs",
            "networking.k8s.io/networkpolicies",
        ];
        Assert.Equal(expected.Order(), covered);
        Assert.All(rules, rule =>
        {
            Assert.Equal(["CREATE", "UPDATE"], Rendered.Strings(rule!["operations"]).Order());
            Assert.Equal(["v1"], Rendered.Strings(rule["apiVersions"]));
        });
    }

    [Fact]
    public async Task WorkloadsEntry_SkipsSystemNamespacesItsOwnAndModeOff()
    {
        var chart = await Helm.RenderAsync();

        var expressions = chart.Webhook(WorkloadsWebhook)["namespaceSelector"]!["matchExpressions"]!.AsArray();
        var byName = expressions.Single(e => (string?)e!["key"] == "kubernetes.io/metadata.name")!;
        Assert.Equal("NotIn", (string?)byName["operator"]);
        var excluded = Rendered.Strings(byName["values"]).ToHashSet();
        Assert.Superset(new HashSet<string> { "kube-system", "kube-public", "kube-node-lease", "gke-managed-system", "gmp-system", Helm.Namespace }, excluded);
        Assert.DoesNotContain("default", excluded);

        var byMode = expressions.Single(e => (string?)e!["key"] == "wiguard.io/mode")!;
        Assert.Equal("NotIn", (string?)byMode["operator"]);
        Assert.Equal(["off"], Rendered.Strings(byMode["values"]));
    }

    [Fact]
    public async Task WorkloadsEntry_ExcludesTheNamespaceItIsInstalledIn()
    {
        var chart = await Helm.RenderInAsync("platform-security");

        var byName = chart.Webhook(WorkloadsWebhook)["namespaceSelector"]!["matchExpressions"]!.AsArray()
            .Single(e => (string?)e!["key"] == "kubernetes.io/metadata.name")!;
        Assert.Contains("platform-security", Rendered.Strings(byName["values"]));
        Assert.DoesNotContain(Helm.Namespace, Rendered.Strings(byName["values"]));
    }

    [Fact]
    public async Task WorkloadsEntry_LeavesControllerCreatedObjectsToTheirOwnersTemplate()
    {
        var chart = await Helm.RenderAsync();

        var condition = chart.Webhook(WorkloadsWebhook)["matchConditions"]!.AsArray().Single()!;
        Assert.Equal(
            "!(request.resource.resource in ['pods', 'replicasets', 'jobs'] && " +
            "has(object.metadata.ownerReferences) && " +
            "object.metadata.ownerReferences.exists(r, has(r.controller) && r.controller))",
            (string?)condition["expression"]);
    }

    [Fact]
    public async Task SkipControllerManagedOff_SendsEveryObject()
    {
        var chart = await Helm.RenderAsync("--set", "webhook.skipControllerManaged=false");

        Assert.Null(chart.Webhook(WorkloadsWebhook)["matchConditions"]);
    }

    [Fact]
    public async Task MetadataPathEntry_OnlyReceivesTheTwoMasqueradeConfigMapsInKubeSystem()
    {
        var chart = await Helm.RenderAsync();

        var webhook = chart.Webhook(MetadataPathWebhook);
        var rule = webhook["rules"]!.AsArray().Single()!;
        Assert.Equal([""], Rendered.Strings(rule["apiGroups"]));
        Assert.Equal(["configmaps"], Rendered.Strings(rule["resources"]));

        var selector = webhook["namespaceSelector"]!["matchExpressions"]!.AsArray().Single()!;
        Assert.Equal("kubernetes.io/metadata.name", (string?)selector["key"]);
        Assert.Equal("In", (string?)selector["operator"]);
        Assert.Equal(["kube-system"], Rendered.Strings(selector["values"]));

        var condition = webhook["matchConditions"]!.AsArray().Single()!;
        Assert.Equal(
            "request.namespace == 'kube-system' && request.name in ['cilium-config', 'ip-masq-agent']",
            (string?)condition["expression"]);
    }

    [Fact]
    public async Task CheckMasqueradeConfigMapsOff_LeavesKubeSystemAlone()
    {
        var chart = await Helm.RenderAsync("--set", "webhook.checkMasqueradeConfigMaps=false");

        var webhook = chart.Webhooks.Single();
        Assert.Equal(WorkloadsWebhook, (string?)webhook["name"]);
        Assert.Contains("kube-system", Rendered.Strings(webhook["namespaceSelector"]!["matchExpressions"]!.AsArray()
            .Single(e => (string?)e!["key"] == "kubernetes.io/metadata.name")!["values"]));
    }

    [Fact]
    public async Task WorkloadsEntry_NeverReceivesConfigMaps()
    {
        var chart = await Helm.RenderAsync();

        var resources = chart.Webhook(WorkloadsWebhook)["rules"]!.AsArray()
            .SelectMany(rule => Rendered.Strings(rule!["resources"]));
        Assert.DoesNotContain("configmaps", resources);
    }

    [Fact]
    public async Task FailurePolicyFail_AppliesToEveryEntry()
    {
        var chart = await Helm.RenderAsync("--set", "webhook.failurePolicy=Fail", "--set", "webhook.timeoutSeconds=10");

        Assert.All(chart.Webhooks, webhook =>
        {
            Assert.Equal("Fail", (string?)webhook["failurePolicy"]);
            Assert.Equal(10, (int)webhook["timeoutSeconds"]!);
        });
    }

    [Fact]
    public async Task FailurePolicyFail_StillExcludesItsOwnNamespaceSoItCanRestart()
    {
        var chart = await Helm.RenderAsync("--set", "webhook.failurePolicy=Fail");

        var byName = chart.Webhook(WorkloadsWebhook)["namespaceSelector"]!["matchExpressions"]!.AsArray()
            .Single(e => (string?)e!["key"] == "kubernetes.io/metadata.name")!;
        Assert.Contains(Helm.Namespace, Rendered.Strings(byName["values"]));
        Assert.Contains("kube-system", Rendered.Strings(byName["values"]));
    }

    [Fact]
    public async Task WebhookAnnotations_AreAdded()
    {
        var chart = await Helm.RenderAsync("--set", "webhook.annotations.owner=platform");

        Assert.Equal("platform", (string?)chart.WebhookConfiguration["metadata"]!["annotations"]!["owner"]);
    }
}
