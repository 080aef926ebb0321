using WiGuard.Core.Evaluation;
using WiGuard.Core.Facts;
using WiGuard.Core.Kubernetes;
using WiGuard.Core.Rules.Pods;
using WiGuard.Kubernetes.Inventory;
using WiGuard.Kubernetes.Tests.Support;
using WiGuard.TestSupport.FakeKubernetes;

namespace WiGuard.Kubernetes.Tests.Inventory;

/// <summary>What an audit does with this project: list the cluster, read each object, evaluate it with the cached KSAs.</summary>
public sealed class AuditFlowTests
{
    [Fact]
    public async Task Audit_WorkloadOfAnnotatedKsa_GetsWi014FromTheCachedKsa()
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "web", "web-gsa@my-proj.iam.gserviceaccount.com"));
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "batch"));
        cluster.Server.Apply(FakeResource.Deployments, Samples.Deployment("apps", "web", "web"));
        cluster.Server.Apply(FakeResource.CronJobs, Samples.CronJob("apps", "nightly", "batch"));
        var caches = cluster.Caches.Cluster();
        using var stop = new CancellationTokenSource();
        var run = caches.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => caches.Ready, "the caches to sync");

        var objects = await new ClusterInventory(cluster.Api, cluster.Options).ListAllAsync(null, CancellationToken.None);
        var evaluator = new Evaluator([new MetadataServerNodeSelectorRule()]);
        var findings = objects
            .Where(o => o.Kind.HasPodTemplate())
            .Select(o => (o.Kind, Value: KubeObjectReader.Read(o.Kind, o.Object)))
            .Select(o => new ReviewedObject(o.Kind, o.Value.Metadata!.Namespace!, o.Value.Metadata.Name!, o.Value))
            .SelectMany(subject => evaluator.Evaluate(subject, new EvaluationFacts { Ksas = caches }))
            .ToList();

        var finding = Assert.Single(findings);
        Assert.Equal("Deployment apps/web", finding.Object);
        Assert.Equal("WI014", finding.RuleId);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
