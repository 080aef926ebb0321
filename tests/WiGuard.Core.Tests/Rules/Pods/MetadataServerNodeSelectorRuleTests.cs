using System.Text.Json;
using WiGuard.Core.Facts;
using WiGuard.Core.Kubernetes;
using WiGuard.Core.Rules;
using WiGuard.Core.Rules.Pods;

namespace WiGuard.Core.Tests.Rules.Pods;

public sealed class MetadataServerNodeSelectorRuleTests
{
    private const string AnnotatedKsa = """
        {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"app-ksa","namespace":"apps",
         "annotations":{"iam.gke.io/gcp-service-account":"app-gsa@my-proj.iam.gserviceaccount.com"}}}
        """;

    private const string PlainKsa = """
        {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"app-ksa","namespace":"apps"}}
        """;

    [Fact]
    public void Evaluate_DeploymentOfAnnotatedKsaWithoutSelector_ReportsPatchCommand()
    {
        var findings = Evaluate(ResourceKind.Deployment, Deployment(nodeSelector: null), AnnotatedKsa);

        var finding = Assert.Single(findings);
        Assert.Equal("WI014", finding.RuleId);
        Assert.Equal("Deployment apps/web", finding.Object);
        Assert.Equal("[WI014] KSA app-ksa uses Workload Identity but pods lack nodeSelector iam.gke.io/gke-metadata-server-enabled: \"true\"", finding.Message);
        Assert.True(finding.Message.Length <= 120, finding.Message);
        Assert.Equal(
            """kubectl patch deployment web -n apps --type merge -p '{"spec":{"template":{"spec":{"nodeSelector":{"iam.gke.io/gke-metadata-server-enabled":"true"}}}}}'""",
            finding.Fix);
    }

    [Fact]
    public void Evaluate_SelectorPresentAndTrue_ReportsNothing()
    {
        var findings = Evaluate(ResourceKind.Deployment,
            Deployment("""{"iam.gke.io/gke-metadata-server-enabled":"true","pool":"web"}"""), AnnotatedKsa);

        Assert.Empty(findings);
    }

    [Fact]
    public void Evaluate_SelectorSetToFalse_Reports()
    {
        var findings = Evaluate(ResourceKind.Deployment,
            Deployment("""{"iam.gke.io/gke-metadata-server-enabled":"false"}"""), AnnotatedKsa);

        Assert.Single(findings);
    }

    [Fact]
    public void Evaluate_KsaWithoutAnnotation_ReportsNothing()
    {
        Assert.Empty(Evaluate(ResourceKind.Deployment, Deployment(nodeSelector: null), PlainKsa));
    }

    [Theory]
    [InlineData(KsaLookupStatus.NotFound)]
    [InlineData(KsaLookupStatus.Unknown)]
    public void Evaluate_KsaNotInCache_ReportsNothing(KsaLookupStatus status)
    {
        var subject = Subject(ResourceKind.Deployment, Deployment(nodeSelector: null));
        var facts = new EvaluationFacts { Ksas = new StatusLookup(status) };

        Assert.Empty(new MetadataServerNodeSelectorRule().Evaluate(new RuleContext(subject, facts)));
    }

    [Fact]
    public void Evaluate_PodWithoutSelector_TellsToRecreateWithYaml()
    {
        const string pod = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-0","namespace":"apps"},
             "spec":{"serviceAccountName":"app-ksa","containers":[{"name":"web","image":"nginx:1.27"}]}}
            """;

        var finding = Assert.Single(Evaluate(ResourceKind.Pod, pod, AnnotatedKsa));

        Assert.Equal(
            "Add to Pod apps/web-0 and re-create it:\nspec:\n  nodeSelector:\n    iam.gke.io/gke-metadata-server-enabled: \"true\"",
            finding.Fix);
    }

    [Fact]
    public void Evaluate_CronJobWithoutSelector_PatchesJobTemplate()
    {
        const string cronJob = """
            {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"nightly","namespace":"apps"},
             "spec":{"schedule":"0 2 * * *","jobTemplate":{"spec":{"template":{"spec":{
               "serviceAccountName":"app-ksa","restartPolicy":"OnFailure",
               "containers":[{"name":"job","image":"busybox:1.36"}]}}}}}}
            """;

        var finding = Assert.Single(Evaluate(ResourceKind.CronJob, cronJob, AnnotatedKsa));

        Assert.Equal(
            """kubectl patch cronjob nightly -n apps --type merge -p '{"spec":{"jobTemplate":{"spec":{"template":{"spec":{"nodeSelector":{"iam.gke.io/gke-metadata-server-enabled":"true"}}}}}}}'""",
            finding.Fix);
    }

    [Fact]
    public void Evaluate_DefaultKsaAnnotatedAndNoServiceAccountName_Reports()
    {
        const string defaultKsa = """
            {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"default","namespace":"apps",
             "annotations":{"iam.gke.io/gcp-service-account":"app-gsa@my-proj.iam.gserviceaccount.com"}}}
            """;
        const string pod = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-0","namespace":"apps"},
             "spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}
            """;

        var finding = Assert.Single(Evaluate(ResourceKind.Pod, pod, defaultKsa));
        Assert.StartsWith("[WI014] KSA default uses Workload Identity", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_ContainsWi014_OffByDefault()
    {
        var rule = RuleCatalog.Find("WI014");

        Assert.NotNull(rule);
        Assert.Equal(RuleAction.Off, rule.DefaultAction);
    }

    private static List<Finding> Evaluate(ResourceKind kind, string json, string ksaJson)
    {
        var ksa = (ServiceAccount)KubeObjectReader.Read(ResourceKind.ServiceAccount, Parse(ksaJson));
        var facts = new EvaluationFacts { Ksas = new SingleKsaLookup(ksa) };
        return [.. new MetadataServerNodeSelectorRule().Evaluate(new RuleContext(Subject(kind, json), facts))];
    }

    private static ReviewedObject Subject(ResourceKind kind, string json)
    {
        var value = KubeObjectReader.Read(kind, Parse(json));
        return new ReviewedObject(kind, value.Metadata!.Namespace!, value.Metadata.Name!, value);
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string Deployment(string? nodeSelector)
    {
        var selector = nodeSelector is null ? "" : $"\"nodeSelector\":{nodeSelector},";
        return """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"apps"},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{
               "metadata":{"labels":{"app":"web"}},
               "spec":{"serviceAccountName":"app-ksa",
            """ + selector + """
                 "containers":[{"name":"web","image":"nginx:1.27"}]}}}}
            """;
    }

    private sealed class SingleKsaLookup(ServiceAccount ksa) : IServiceAccountLookup
    {
        public KsaLookup Find(string @namespace, string name) =>
            @namespace == ksa.Metadata?.Namespace && name == ksa.Metadata?.Name ? KsaLookup.Found(ksa) : KsaLookup.NotFound;
    }

    private sealed class StatusLookup(KsaLookupStatus status) : IServiceAccountLookup
    {
        public KsaLookup Find(string @namespace, string name) => new(status, null);
    }
}
