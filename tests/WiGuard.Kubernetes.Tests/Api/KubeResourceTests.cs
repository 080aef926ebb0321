using WiGuard.Core.Kubernetes;
using WiGuard.Kubernetes.Api;

namespace WiGuard.Kubernetes.Tests.Api;

public sealed class KubeResourceTests
{
    [Theory]
    [InlineData("serviceaccounts", null, "/api/v1/serviceaccounts")]
    [InlineData("serviceaccounts", "apps", "/api/v1/namespaces/apps/serviceaccounts")]
    [InlineData("namespaces", "apps", "/api/v1/namespaces")]
    [InlineData("deployments", "apps", "/apis/apps/v1/namespaces/apps/deployments")]
    [InlineData("cronjobs", null, "/apis/batch/v1/cronjobs")]
    [InlineData("networkpolicies", "team-a", "/apis/networking.k8s.io/v1/namespaces/team-a/networkpolicies")]
    public void CollectionPath_FollowsTheApiServersLayout(string plural, string? ns, string expected)
    {
        var resource = All().Single(r => r.Plural == plural);

        Assert.Equal(expected, resource.CollectionPath(ns));
    }

    [Fact]
    public void ObjectPath_EscapesTheName()
    {
        Assert.Equal("/api/v1/namespaces/kube-system/configmaps/ip-masq-agent", KubeResource.ConfigMaps.ObjectPath("kube-system", "ip-masq-agent"));
        Assert.Equal("/api/v1/namespaces/a/configmaps/x%2Fy", KubeResource.ConfigMaps.ObjectPath("a", "x/y"));
    }

    [Fact]
    public void Workloads_AreTheSevenControllersWithPodTemplates()
    {
        Assert.Equal(
            [ResourceKind.Deployment, ResourceKind.StatefulSet, ResourceKind.DaemonSet, ResourceKind.ReplicaSet,
             ResourceKind.ReplicationController, ResourceKind.Job, ResourceKind.CronJob],
            KubeResource.Workloads.Select(w => w.ResourceKind!.Value));
    }

    private static KubeResource[] All() =>
        [KubeResource.ServiceAccounts, KubeResource.Namespaces, KubeResource.NetworkPolicies, KubeResource.Pods, KubeResource.ConfigMaps, .. KubeResource.Workloads];
}
