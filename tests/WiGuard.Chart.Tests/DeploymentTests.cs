using System.Text.Json.Nodes;
using WiGuard.Chart.Tests.Support;

namespace WiGuard.Chart.Tests;

public sealed class DeploymentTests
{
    [Fact]
    public async Task Defaults_RunTwoReplicasSpreadAcrossNodes()
    {
        var chart = await Helm.RenderAsync();

        Assert.Equal(2, (int)chart.Deployment["spec"]!["replicas"]!);
        var spread = chart.PodSpec["topologySpreadConstraints"]!.AsArray().Single()!;
        Assert.Equal("kubernetes.io/hostname", (string?)spread["topologyKey"]);
        Assert.Equal(1, (int)spread["maxSkew"]!);
        Assert.True(JsonNode.DeepEquals(
            chart.Deployment["spec"]!["selector"]!["matchLabels"],
            spread["labelSelector"]!["matchLabels"]));
    }

    [Fact]
    public async Task Defaults_PodDisruptionBudgetKeepsOneReplicaUp()
    {
        var chart = await Helm.RenderAsync();

        var pdb = chart.Single("PodDisruptionBudget");
        Assert.Equal(1, (int)pdb["spec"]!["maxUnavailable"]!);
        Assert.True(JsonNode.DeepEquals(
            chart.Deployment["spec"]!["selector"]!["matchLabels"],
            pdb["spec"]!["selector"]!["matchLabels"]));
    }

    [Fact]
    public async Task Defaults_PodRunsLockedDown()
    {
        var chart = await Helm.RenderAsync();

        var pod = chart.PodSpec["securityContext"]!;
        Assert.True((bool)pod["runAsNonRoot"]!);
        Assert.Equal(65532, (int)pod["runAsUser"]!);
        Assert.Equal("RuntimeDefault", (string?)pod["seccompProfile"]!["type"]);

        var container = chart.Container["securityContext"]!;
        Assert.True((bool)container["runAsNonRoot"]!);
        Assert.True((bool)container["readOnlyRootFilesystem"]!);
        Assert.False((bool)container["allowPrivilegeEscalation"]!);
        Assert.Equal(["ALL"], Rendered.Strings(container["capabilities"]!["drop"]));
        Assert.Null(container["capabilities"]!["add"]);
        Assert.Equal("RuntimeDefault", (string?)container["seccompProfile"]!["type"]);
    }

    [Fact]
    public async Task Defaults_ServeHttpsOnPort10250BehindService443()
    {
        var chart = await Helm.RenderAsync();

        Assert.Equal(["serve"], Rendered.Strings(chart.Container["args"]));
        var port = chart.Container["ports"]!.AsArray().Single()!;
        Assert.Equal(10250, (int)port["containerPort"]!);
        Assert.Equal("https://0.0.0.0:10250", chart.Env["ASPNETCORE_URLS"]);

        var servicePort = chart.Single("Service")["spec"]!["ports"]!.AsArray().Single()!;
        Assert.Equal(443, (int)servicePort["port"]!);
        Assert.Equal((string?)port["name"], (string?)servicePort["targetPort"]);
    }

    [Fact]
    public async Task ContainerPort_Changed_MovesListenerProbesAndServiceTarget()
    {
        var chart = await Helm.RenderAsync("--set", "containerPort=8443");

        var port = chart.Container["ports"]!.AsArray().Single()!;
        Assert.Equal(8443, (int)port["containerPort"]!);
        Assert.Equal("https://0.0.0.0:8443", chart.Env["ASPNETCORE_URLS"]);
        Assert.Equal((string?)port["name"], (string?)chart.Container["livenessProbe"]!["httpGet"]!["port"]);
        Assert.Equal((string?)port["name"], (string?)chart.Single("Service")["spec"]!["ports"]![0]!["targetPort"]);
    }

    [Fact]
    public async Task Defaults_ProbesUseHealthAndReadinessEndpointsOverHttps()
    {
        var chart = await Helm.RenderAsync();

        var liveness = chart.Container["livenessProbe"]!["httpGet"]!;
        Assert.Equal("/healthz", (string?)liveness["path"]);
        Assert.Equal("HTTPS", (string?)liveness["scheme"]);
        Assert.Equal("https", (string?)liveness["port"]);

        var readiness = chart.Container["readinessProbe"]!["httpGet"]!;
        Assert.Equal("/readyz", (string?)readiness["path"]);
        Assert.Equal("HTTPS", (string?)readiness["scheme"]);
        Assert.Equal("https", (string?)readiness["port"]);
    }

    [Fact]
    public async Task Defaults_PauseBeforeStoppingSoTheServiceDropsThePodFirst()
    {
        var chart = await Helm.RenderAsync();

        var sleep = chart.Container["lifecycle"]!["preStop"]!["sleep"]!;
        // Kubernetes' default grace period is 30 s; the pause must end well before the kill.
        var grace = (int?)chart.PodSpec["terminationGracePeriodSeconds"] ?? 30;
        Assert.InRange((int)sleep["seconds"]!, 1, grace - 10);
    }

    [Fact]
    public async Task Defaults_RequestAndLimitResources()
    {
        var chart = await Helm.RenderAsync();

        var resources = chart.Container["resources"]!;
        Assert.NotNull(resources["requests"]!["cpu"]);
        Assert.NotNull(resources["requests"]!["memory"]);
        Assert.NotNull(resources["limits"]!["memory"]);
    }

    [Fact]
    public async Task Defaults_MountCertificateSecretAsDirectorySoRotationReachesThePod()
    {
        var chart = await Helm.RenderAsync();

        var mount = chart.Container["volumeMounts"]!.AsArray().Single(m => (string?)m!["name"] == "tls")!;
        Assert.Equal("/tls", (string?)mount["mountPath"]);
        Assert.Null(mount["subPath"]);
        Assert.Equal("/tls/tls.crt", chart.Env["WiGuard__Tls__CertPath"]);
        Assert.Equal("/tls/tls.key", chart.Env["WiGuard__Tls__KeyPath"]);

        var volume = chart.PodSpec["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "tls")!;
        Assert.Equal("wiguard-tls", (string?)volume["secret"]!["secretName"]);
    }

    [Fact]
    public async Task Defaults_GiveTheReadOnlyRuntimeAWritableTmp()
    {
        var chart = await Helm.RenderAsync();

        var mount = chart.Container["volumeMounts"]!.AsArray().Single(m => (string?)m!["mountPath"] == "/tmp")!;
        var volume = chart.PodSpec["volumes"]!.AsArray().Single(v => (string?)v!["name"] == (string?)mount["name"])!;
        Assert.NotNull(volume["emptyDir"]);
    }

    [Fact]
    public async Task Defaults_PassOwnNamespaceFromDownwardApi()
    {
        var chart = await Helm.RenderAsync();

        var env = chart.Container["env"]!.AsArray().Single(e => (string?)e!["name"] == "POD_NAMESPACE")!;
        Assert.Equal("metadata.namespace", (string?)env["valueFrom"]!["fieldRef"]!["fieldPath"]);
    }

    [Fact]
    public async Task Defaults_RunAsTheChartsOwnServiceAccount()
    {
        var chart = await Helm.RenderAsync();

        var account = chart.Single("ServiceAccount");
        Assert.Equal(Rendered.Name(account), (string?)chart.PodSpec["serviceAccountName"]);
        Assert.Equal(Helm.Namespace, Rendered.NamespaceOf(account));
    }

    [Fact]
    public async Task Scheduling_ValuesReachThePodSpec()
    {
        var chart = await Helm.RenderAsync(
            "--set", "nodeSelector.pool=system",
            "--set", "tolerations[0].key=dedicated,tolerations[0].operator=Equal,tolerations[0].value=system,tolerations[0].effect=NoSchedule",
            "--set", "priorityClassName=system-cluster-critical");

        Assert.Equal("system", (string?)chart.PodSpec["nodeSelector"]!["pool"]);
        Assert.Equal("dedicated", (string?)chart.PodSpec["tolerations"]![0]!["key"]);
        Assert.Equal("NoSchedule", (string?)chart.PodSpec["tolerations"]![0]!["effect"]);
        Assert.Equal("system-cluster-critical", (string?)chart.PodSpec["priorityClassName"]);
    }

    [Fact]
    public async Task ImageDigest_TakesPrecedenceOverTag()
    {
        const string digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

        var chart = await Helm.RenderAsync("--set", "image.tag=9.9.9", "--set", $"image.digest={digest}");

        Assert.Equal($"ghcr.io/wiguard/wiguard@{digest}", (string?)chart.Container["image"]);
    }

    [Fact]
    public async Task CommonLabels_AppearOnEveryObject()
    {
        var chart = await Helm.RenderAsync("--set", "commonLabels.team=platform");

        Assert.All(chart.Objects, o => Assert.Equal("platform", (string?)o["metadata"]!["labels"]!["team"]));
    }
}
