using System.Text.Json.Nodes;
using WiGuard.Core.Facts;
using WiGuard.Core.Rules;
using WiGuard.Core.Rules.Pods;
using WiGuard.Core.Tests.Support;

namespace WiGuard.Core.Tests.Rules;

public sealed class ExportedKeyRuleTests
{
    private const string KeyPath = "/var/secrets/google/key.json";

    private static List<Finding> Evaluate(JsonObject manifest, IServiceAccountLookup? ksas = null) =>
        [.. new ExportedKeyRule().Evaluate(new RuleContext(
            Manifests.Review(manifest),
            new EvaluationFacts { WorkloadPool = "acme-prod.svc.id.goog", Ksas = ksas ?? NoServiceAccountLookup.Instance }))];

    private static JsonObject CredentialsEnv(string path = KeyPath) =>
        new() { ["name"] = "GOOGLE_APPLICATION_CREDENTIALS", ["value"] = path };

    /// <summary>The classic exported-key setup from Google's old docs: a secret volume plus the env var pointing into it.</summary>
    private static JsonObject WithKeyVolume(string kind, JsonObject? volume = null)
    {
        var manifest = Manifests.Load(kind);
        var spec = Manifests.PodSpec(manifest);
        spec["serviceAccountName"] = "billing";
        spec["volumes"] = new JsonArray(volume ?? new JsonObject { ["name"] = "google-cloud-key", ["secret"] = new JsonObject { ["secretName"] = "billing-gsa-key" } });
        var container = Manifests.FirstContainer(manifest);
        container["env"] = new JsonArray(new JsonObject { ["name"] = "GOOGLE_CLOUD_PROJECT", ["value"] = "acme-prod" }, CredentialsEnv());
        container["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "google-cloud-key", ["mountPath"] = "/var/secrets/google", ["readOnly"] = true });
        return manifest;
    }

    [Theory]
    [InlineData("Pod", "spec.containers[0]")]
    [InlineData("Deployment", "spec.template.spec.containers[0]")]
    [InlineData("StatefulSet", "spec.template.spec.containers[0]")]
    [InlineData("DaemonSet", "spec.template.spec.containers[0]")]
    [InlineData("ReplicaSet", "spec.template.spec.containers[0]")]
    [InlineData("ReplicationController", "spec.template.spec.containers[0]")]
    [InlineData("Job", "spec.template.spec.containers[0]")]
    [InlineData("CronJob", "spec.jobTemplate.spec.template.spec.containers[0]")]
    public void Evaluate_SecretVolumeBehindTheCredentialsPath_NamesContainerAndSecret(string kind, string containerPath)
    {
        var finding = Assert.Single(Evaluate(WithKeyVolume(kind)));

        Assert.Equal("WI013", finding.RuleId);
        Assert.Equal("[WI013] container 'billing' uses a key file from secret 'billing-gsa-key' via GOOGLE_APPLICATION_CREDENTIALS", finding.Message);
        Assert.Contains($"remove env GOOGLE_APPLICATION_CREDENTIALS and the mount of secret billing-gsa-key from {containerPath}, then delete the key:", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SecretVolume_FixFindsTheKeysGsaGrantsAndAnnotatesTheKsaAndDeletesTheKey()
    {
        var finding = Assert.Single(Evaluate(WithKeyVolume("Deployment")));

        var expected = """
            # GSA_EMAIL is the key's client_email: kubectl get secret billing-gsa-key -n payments -o jsonpath='{.data.key\.json}' | base64 -d | grep client_email
            gcloud iam service-accounts add-iam-policy-binding GSA_EMAIL --role=roles/iam.workloadIdentityUser --member="serviceAccount:acme-prod.svc.id.goog[payments/billing]"
            kubectl annotate serviceaccount billing -n payments --overwrite iam.gke.io/gcp-service-account=GSA_EMAIL
            remove env GOOGLE_APPLICATION_CREDENTIALS and the mount of secret billing-gsa-key from spec.template.spec.containers[0], then delete the key:
            gcloud iam service-accounts keys list --iam-account=GSA_EMAIL --managed-by=user
            gcloud iam service-accounts keys delete KEY_ID --iam-account=GSA_EMAIL
            kubectl delete secret billing-gsa-key -n payments
            """;
        Assert.Equal(expected, finding.Fix);
    }

    [Fact]
    public void Evaluate_KsaAlreadyAnnotated_FixKeepsItsGsaAndOnlyRetiresTheKey()
    {
        var cluster = new FakeServiceAccounts().With(
            Manifests.ServiceAccount("billing", "payments", ("iam.gke.io/gcp-service-account", "billing-gsa@acme-prod.iam.gserviceaccount.com")));

        var finding = Assert.Single(Evaluate(WithKeyVolume("Deployment"), cluster));

        var lines = finding.Fix.Split('\n');
        Assert.Equal(
            "# KSA billing already acts as billing-gsa@acme-prod.iam.gserviceaccount.com: without the key the pods use it, so give it the roles GSA_EMAIL has if they differ",
            lines[1]);
        Assert.DoesNotContain(lines, l => l.StartsWith("kubectl annotate", StringComparison.Ordinal) || l.Contains("add-iam-policy-binding", StringComparison.Ordinal));
        Assert.Contains("gcloud iam service-accounts keys delete KEY_ID --iam-account=GSA_EMAIL", lines);
    }

    [Fact]
    public void Evaluate_ProjectedSecretVolume_NamesTheSecret()
    {
        var projected = new JsonObject
        {
            ["name"] = "google-cloud-key",
            ["projected"] = new JsonObject
            {
                ["sources"] = new JsonArray(
                    new JsonObject { ["configMap"] = new JsonObject { ["name"] = "billing-config" } },
                    new JsonObject { ["secret"] = new JsonObject { ["name"] = "billing-gsa-key" } }),
            },
        };

        var finding = Assert.Single(Evaluate(WithKeyVolume("Deployment", projected)));

        Assert.Contains("secret 'billing-gsa-key'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SubPathMountOfTheKeyFile_NamesTheSecret()
    {
        var manifest = WithKeyVolume("Deployment");
        Manifests.FirstContainer(manifest)["volumeMounts"] = new JsonArray(
            new JsonObject { ["name"] = "google-cloud-key", ["mountPath"] = KeyPath, ["subPath"] = "key.json" });

        var finding = Assert.Single(Evaluate(manifest));

        Assert.Contains("secret 'billing-gsa-key'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SecretKeyRefFeedingTheVariable_NamesTheSecretAndItsKey()
    {
        var manifest = Manifests.Load("Deployment");
        Manifests.FirstContainer(manifest)["env"] = new JsonArray(new JsonObject
        {
            ["name"] = "GOOGLE_APPLICATION_CREDENTIALS",
            ["valueFrom"] = new JsonObject { ["secretKeyRef"] = new JsonObject { ["name"] = "billing-gsa-key", ["key"] = "credentials.json" } },
        });

        var finding = Assert.Single(Evaluate(manifest));

        Assert.Equal("[WI013] container 'billing' reads GOOGLE_APPLICATION_CREDENTIALS from secret 'billing-gsa-key': an exported key", finding.Message);
        Assert.Contains("jsonpath='{.data.credentials\\.json}'", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ConfigMapKeyRefFeedingTheVariable_NamesTheConfigMap()
    {
        var manifest = Manifests.Load("Job");
        Manifests.FirstContainer(manifest)["env"] = new JsonArray(new JsonObject
        {
            ["name"] = "GOOGLE_APPLICATION_CREDENTIALS",
            ["valueFrom"] = new JsonObject { ["configMapKeyRef"] = new JsonObject { ["name"] = "gcp-settings", ["key"] = "credentials-path" } },
        });

        var finding = Assert.Single(Evaluate(manifest));

        Assert.Equal("[WI013] container 'billing' takes GOOGLE_APPLICATION_CREDENTIALS from configMap 'gcp-settings'", finding.Message);
    }

    [Fact]
    public void Evaluate_EmptyCredentialsVariable_ReportsNothing()
    {
        var manifest = Manifests.Load("Deployment");
        Manifests.FirstContainer(manifest)["env"] = new JsonArray(CredentialsEnv(""));

        Assert.Empty(Evaluate(manifest));
    }

    [Fact]
    public void Evaluate_InitContainerWithKey_ReportsItsPath()
    {
        var manifest = Manifests.Load("Deployment");
        Manifests.PodSpec(manifest)["initContainers"] = new JsonArray(new JsonObject
        {
            ["name"] = "fetch-config",
            ["image"] = "google/cloud-sdk:slim",
            ["env"] = new JsonArray(CredentialsEnv("/secrets/sa.json")),
        });

        var finding = Assert.Single(Evaluate(manifest));

        Assert.Equal("[WI013] container 'fetch-config' points GOOGLE_APPLICATION_CREDENTIALS at key file /secrets/sa.json", finding.Message);
        Assert.Contains("from spec.template.spec.initContainers[0], then", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_EphemeralDebugContainerWithKey_Reports()
    {
        var manifest = Manifests.Load("Pod");
        Manifests.PodSpec(manifest)["ephemeralContainers"] = new JsonArray(new JsonObject
        {
            ["name"] = "debugger-7xk2p",
            ["image"] = "google/cloud-sdk:slim",
            ["targetContainerName"] = "billing",
            ["env"] = new JsonArray(CredentialsEnv()),
        });

        var finding = Assert.Single(Evaluate(manifest));

        Assert.Contains("container 'debugger-7xk2p'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("from spec.ephemeralContainers[0], then", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_KeyInTwoContainers_ReportsEach()
    {
        var manifest = WithKeyVolume("Deployment");
        ((JsonArray)Manifests.PodSpec(manifest)["containers"]!).Add(new JsonObject
        {
            ["name"] = "exporter",
            ["image"] = "europe-west1-docker.pkg.dev/acme-prod/apps/exporter:2.0.0",
            ["env"] = new JsonArray(CredentialsEnv("/etc/gcp/exporter.json")),
        });

        var findings = Evaluate(manifest);

        Assert.Equal(["billing", "exporter"], findings.Select(f => f.Message.Split('\'')[1]));
    }

    [Fact]
    public void Evaluate_KeyOnDefaultKsa_FixCreatesADedicatedKsaAndNamesIt()
    {
        var manifest = WithKeyVolume("Deployment");
        Manifests.PodSpec(manifest).Remove("serviceAccountName");

        var finding = Assert.Single(Evaluate(manifest));

        Assert.Contains("kubectl create serviceaccount billing -n payments\n", finding.Fix, StringComparison.Ordinal);
        Assert.Contains("set serviceAccountName: billing in spec.template.spec\n", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NoCredentialsVariable_ReportsNothingEvenWithSecretVolumes()
    {
        var manifest = WithKeyVolume("Deployment");
        Manifests.FirstContainer(manifest)["env"] = new JsonArray(new JsonObject { ["name"] = "GOOGLE_CLOUD_PROJECT", ["value"] = "acme-prod" });

        Assert.Empty(Evaluate(manifest));
    }

    [Fact]
    public void Evaluate_CredentialsPathOnNoMount_ReportsTheVariableWithoutASecret()
    {
        var manifest = WithKeyVolume("Deployment");
        Manifests.FirstContainer(manifest)["volumeMounts"] = new JsonArray();

        var finding = Assert.Single(Evaluate(manifest));

        Assert.Equal($"[WI013] container 'billing' points GOOGLE_APPLICATION_CREDENTIALS at key file {KeyPath}", finding.Message);
    }
}
