using WiGuard.Check.Input;
using WiGuard.Core.Kubernetes;

namespace WiGuard.Tests.Check;

public sealed class ManifestReadingTests
{
    private static readonly string TestData = Path.Combine(AppContext.BaseDirectory, "Check", "testdata");

    private static ManifestObjects ReadFile(string name, string defaultNamespace = "default")
    {
        var objects = new ManifestObjects(defaultNamespace);
        var path = Path.Combine(TestData, name);
        using var reader = new StreamReader(path);
        objects.Add(new ManifestFile(name, path), reader);
        return objects;
    }

    private static ManifestObjects ReadText(string text, string name = "input.yaml")
    {
        var objects = new ManifestObjects("default");
        objects.Add(new ManifestFile(name, null), new StringReader(text));
        return objects;
    }

    [Fact]
    public void Read_HelmTemplateOutput_KeepsCheckedKindsWithTheLineOfEachObject()
    {
        var read = ReadFile("helm-rendered.yaml");

        // The Service is a kind no rule reads; the empty hpa.yaml document is nothing at all.
        Assert.Equal(
            ["helm-rendered.yaml:3 ServiceAccount payments/payments-api",
             "helm-rendered.yaml:19 ConfigMap payments/payments-config",
             "helm-rendered.yaml:48 Deployment payments/payments-api",
             "helm-rendered.yaml:90 Pod default/payments-test-connection"],
            read.Objects.Select(o => $"{o.Location} {o.Subject.Display}"));
        Assert.Empty(read.Skipped);
    }

    [Fact]
    public void Read_HelmTemplateOutput_TypesFieldsAndKeepsStringMapsAsText()
    {
        var read = ReadFile("helm-rendered.yaml");

        var sa = read.Objects[0].Subject.ServiceAccount!;
        Assert.Equal("payments-gsa", sa.Metadata!.Annotations!["iam.gke.io/gcp-service-account"]);
        Assert.True(sa.AutomountServiceAccountToken);
        var config = (ConfigMap)read.Objects[1].Subject.Value;
        Assert.Equal("3", config.Data!["MAX_RETRIES"]);
        Assert.Equal("true", config.Data!["FEATURE_REFUNDS"]);
        Assert.Equal("payments-api", read.Objects[2].Subject.PodTemplate!.ServiceAccountName);
    }

    [Fact]
    public void Read_AnchorsAliasesAndMergeKeys_ExpandAsKubectlDoes()
    {
        var read = ReadFile("anchors.yaml");

        Assert.Equal(
            ["anchors.yaml:2 ServiceAccount batch-jobs/worker",
             "anchors.yaml:16 CronJob batch-jobs/nightly-report",
             "anchors.yaml:34 Job batch-jobs/backfill"],
            read.Objects.Select(o => $"{o.Location} {o.Subject.Display}"));

        var sa = read.Objects[0].Subject;
        Assert.Equal("worker", sa.Metadata.Annotation("iam.gke.io/gcp-service-account"));
        // An unquoted yes is a boolean in YAML 1.1, but annotation values are always strings.
        Assert.Equal("yes", sa.Metadata.Annotation("wiguard.io/note"));

        var cron = read.Objects[1].Subject.PodTemplate!;
        Assert.Equal("worker", cron.ServiceAccountName);
        Assert.False(cron.HostNetwork);
        Assert.Equal(false, cron.Spec.HostNetwork);

        var job = read.Objects[2].Subject;
        Assert.Empty(job.Metadata.Annotations!);
        Assert.Equal("worker", job.PodTemplate!.ServiceAccountName);
        var container = Assert.Single(job.PodTemplate.Spec.Containers!);
        Assert.Equal("backfill", container.Name);
        Assert.Equal("ghcr.io/acme/report:1.0", container.Image);
    }

    [Fact]
    public void Read_CrlfLineEndings_ReportsTheSameLinesAsLf()
    {
        const string Lf = "# first\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n  namespace: ns\n---\n\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n  containers: []\n";

        var lf = ReadText(Lf);
        var crlf = ReadText(Lf.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(["input.yaml:2", "input.yaml:9"], lf.Objects.Select(o => o.Location.ToString()));
        Assert.Equal(["input.yaml:2", "input.yaml:9"], crlf.Objects.Select(o => o.Location.ToString()));
        Assert.Equal("a", crlf.Objects[0].Subject.Name);
        Assert.True(crlf.Objects[1].Subject.PodTemplate!.HostNetwork);
    }

    [Fact]
    public void Read_QuotedScalars_StayStringsWhilePlainOnesAreTyped()
    {
        var read = ReadText("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              labels:
                enabled: true
                version: 1.10
            spec:
              hostNetwork: on
              automountServiceAccountToken: off
              containers: []
            """);

        var pod = read.Objects[0].Subject;
        Assert.Equal("true", pod.Metadata.Label("enabled"));
        Assert.Equal("1.10", pod.Metadata.Label("version"));
        Assert.True(pod.PodTemplate!.HostNetwork);
        Assert.False(pod.PodTemplate.Spec.AutomountServiceAccountToken);
    }

    [Fact]
    public void Read_QuotedBooleanWhereKubernetesWantsABoolean_IsAnInputErrorNamingFileAndLine()
    {
        var error = Assert.Throws<ManifestInputException>(() => ReadText("""
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: quoted
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
            spec:
              hostNetwork: "yes"
            """));

        Assert.Equal("input.yaml", error.File);
        Assert.Equal(6, error.Line);
        Assert.Contains("Pod p", error.Message, StringComparison.Ordinal);
        Assert.Contains("hostNetwork", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_JsonList_GivesEachItemItsOwnLine()
    {
        var read = ReadFile("list.json");

        Assert.Equal(
            ["list.json:8 ServiceAccount apps/legacy", "list.json:19 StatefulSet apps/db"],
            read.Objects.Select(o => $"{o.Location} {o.Subject.Display}"));
    }

    [Fact]
    public void Read_YamlList_FromKubectlGet_GivesEachItemItsOwnLine()
    {
        var read = ReadText("""
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: ServiceAccount
              metadata:
                name: one
                namespace: a
            - apiVersion: v1
              kind: ServiceAccount
              metadata:
                name: two
                namespace: b
            metadata:
              resourceVersion: ""
            """);

        Assert.Equal(["input.yaml:4 ServiceAccount a/one", "input.yaml:9 ServiceAccount b/two"],
            read.Objects.Select(o => $"{o.Location} {o.Subject.Display}"));
    }

    [Fact]
    public void Read_BrokenYaml_NamesFileAndLineOfTheProblem()
    {
        var objects = new ManifestObjects("default");
        var path = Path.Combine(TestData, "broken.yaml");
        using var reader = new StreamReader(path);

        var error = Assert.Throws<ManifestInputException>(() => objects.Add(new ManifestFile("k8s/broken.yaml", path), reader));

        Assert.Equal("k8s/broken.yaml", error.File);
        // Line 10 opens the flow mapping that is never closed.
        Assert.Equal(10, error.Line);
        Assert.StartsWith("k8s/broken.yaml:10: not valid YAML: ", error.Message, StringComparison.Ordinal);
        // A broken file adds nothing, not even its readable first document.
        Assert.Empty(objects.Objects);
    }

    [Fact]
    public void Read_BrokenJson_NamesFileAndLine()
    {
        var error = Assert.Throws<ManifestInputException>(() => ReadText("{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"ServiceAccount\"\n  \"metadata\": {}\n}\n", "sa.json"));

        Assert.Equal("sa.json", error.File);
        Assert.Equal(4, error.Line);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_YamlFlowMappingThatIsNotJson_IsReadAsYaml()
    {
        var read = ReadText("{apiVersion: v1, kind: ServiceAccount, metadata: {name: flow, namespace: x}}\n");

        Assert.Equal("ServiceAccount x/flow", Assert.Single(read.Objects).Subject.Display);
    }

    [Fact]
    public void Read_HelmValuesFile_IsReportedAsSkippedNotAnError()
    {
        var read = ReadFile("values.yaml");

        Assert.Empty(read.Objects);
        var skipped = Assert.Single(read.Skipped);
        Assert.Equal("values.yaml:2", skipped.Location.ToString());
        Assert.Equal("not a Kubernetes object (no apiVersion and kind)", skipped.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n---\n")]
    public void Read_EmptyInput_GivesNothingAndNoError(string text)
    {
        var read = ReadText(text);

        Assert.Empty(read.Objects);
        Assert.Empty(read.Skipped);
    }

    [Fact]
    public void Read_ObjectWithoutNamespace_GetsTheDefaultNamespaceGiven()
    {
        var objects = new ManifestObjects("staging");
        objects.Add(new ManifestFile("-", null), new StringReader("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  generateName: job-\n"));

        Assert.Equal("ServiceAccount staging/job-*", Assert.Single(objects.Objects).Subject.Display);
    }

    [Fact]
    public void Read_AliasToUndefinedAnchor_IsAnErrorOnItsLine()
    {
        var error = Assert.Throws<ManifestInputException>(() => ReadText("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec: *missing\n"));

        Assert.Equal(5, error.Line);
    }

    [Fact]
    public void Read_AliasToAnAnchorOfAnEarlierDocument_IsAnError()
    {
        // YAML scopes anchors to their document; kubectl rejects such an alias too.
        var error = Assert.Throws<ManifestInputException>(() => ReadText("a: &x 1\n---\nb: *x\n"));

        Assert.Equal(3, error.Line);
        Assert.Contains("alias *x refers to no anchor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BillionLaughs_IsRejectedInsteadOfExhaustingMemory()
    {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var i = 1; i < 9; i++)
            text += $"{(char)('a' + i)}: &{(char)('a' + i)} [*{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}]\n";

        var error = Assert.Throws<ManifestInputException>(() => ReadText(text));

        Assert.Contains("expands to more than", error.Message, StringComparison.Ordinal);
    }
}
