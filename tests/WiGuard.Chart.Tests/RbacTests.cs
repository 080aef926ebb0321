using WiGuard.Chart.Tests.Support;

namespace WiGuard.Chart.Tests;

public sealed class RbacTests
{
    private static readonly string[] ReadVerbs = ["get", "list", "watch"];

    [Fact]
    public async Task ClusterRole_GrantsOnlyReadVerbs()
    {
        var chart = await Helm.RenderAsync();

        var verbs = chart.OfKind("ClusterRole").Concat(chart.OfKind("Role"))
            .SelectMany(role => role["rules"]!.AsArray())
            .SelectMany(rule => Rendered.Strings(rule!["verbs"]))
            .ToHashSet();
        Assert.Subset(ReadVerbs.ToHashSet(), verbs);
    }

    [Fact]
    public async Task ClusterRole_ReadsExactlyWhatTheCachesAndAuditNeed()
    {
        var chart = await Helm.RenderAsync();

        var grants = chart.Single("ClusterRole")["rules"]!.AsArray()
            .SelectMany(rule => Rendered.Strings(rule!["apiGroups"]).SelectMany(group =>
                Rendered.Strings(rule["resources"]).Select(resource =>
                    $"{group}/{resource}:{string.Join(',', Rendered.Strings(rule["verbs"]).Order())}")))
            .Order()
            .ToList();
        string[] expected =
        [
            "/namespaces:get,list,watch",
            "/pods:list,watch",
            "/replicationcontrollers:list,watch",
            "/serviceaccounts:get,list,watch",
            "apps/daemonsets:list,watch",
            "apps/deployments:list,watch",
            "apps/replicasets:list,watch",
            "apps/statefulsets:list,watch",
            "batch/cronjobs:list,watch",
            "batch/jobs:list,watch",
            "networking.k8s.io/networkpolicies:get,list,watch",
        ];
        Assert.Equal(expected, grants);
    }

    [Fact]
    public async Task KubeSystemRole_ReadsOnlyTheTwoMasqueradeConfigMapsByName()
    {
        var chart = await Helm.RenderAsync();

        var role = chart.Single("Role");
        Assert.Equal("kube-system", Rendered.NamespaceOf(role));
        var rule = role["rules"]!.AsArray().Single()!;
        Assert.Equal(["configmaps"], Rendered.Strings(rule["resources"]));
        Assert.Equal(["cilium-config", "ip-masq-agent"], Rendered.Strings(rule["resourceNames"]).Order());
        Assert.Equal(["get"], Rendered.Strings(rule["verbs"]));
    }

    [Fact]
    public async Task Bindings_GrantTheRolesToTheChartsServiceAccount()
    {
        var chart = await Helm.RenderAsync();

        var account = chart.Single("ServiceAccount");
        var clusterBinding = chart.Single("ClusterRoleBinding");
        var binding = chart.Single("RoleBinding");
        Assert.Equal(Rendered.Name(chart.Single("ClusterRole")), (string?)clusterBinding["roleRef"]!["name"]);
        Assert.Equal(Rendered.Name(chart.Single("Role")), (string?)binding["roleRef"]!["name"]);
        Assert.Equal("kube-system", Rendered.NamespaceOf(binding));
        Assert.All([clusterBinding, binding], b =>
        {
            var subject = b["subjects"]!.AsArray().Single()!;
            Assert.Equal("ServiceAccount", (string?)subject["kind"]);
            Assert.Equal(Rendered.Name(account), (string?)subject["name"]);
            Assert.Equal(Rendered.NamespaceOf(account), (string?)subject["namespace"]);
        });
    }
}
