namespace WiGuard.Tests.Check;

public sealed class BindCommandTests
{
    private const string Gsa = "app-gsa@my-proj.iam.gserviceaccount.com";

    private static readonly string[] Base = ["bind", "--namespace", "apps", "--ksa", "app-ksa", "--gsa", Gsa, "--workload-pool", "cluster-proj.svc.id.goog"];

    private static readonly string KsaYaml =
        "apiVersion: v1\n" +
        "kind: ServiceAccount\n" +
        "metadata:\n" +
        "  name: app-ksa\n" +
        "  namespace: apps\n" +
        "  annotations:\n" +
        "    iam.gke.io/gcp-service-account: app-gsa@my-proj.iam.gserviceaccount.com\n";

    [Fact]
    public async Task Bind_Impersonation_PrintsTheGsaBindingForTheClusterPoolAndTheAnnotatedKsa()
    {
        var result = await new CliHarness().RunAsync(Base);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "# 1. Let KSA apps/app-ksa act as GSA app-gsa@my-proj.iam.gserviceaccount.com:\n" +
            "gcloud iam service-accounts add-iam-policy-binding app-gsa@my-proj.iam.gserviceaccount.com \\\n" +
            "    --project=my-proj \\\n" +
            "    --role=roles/iam.workloadIdentityUser \\\n" +
            "    --member=\"serviceAccount:cluster-proj.svc.id.goog[apps/app-ksa]\"\n" +
            "\n" +
            "# 2. Annotate the KSA (save as a file, or pipe to: kubectl apply -f -):\n" +
            KsaYaml,
            result.Out);
    }

    [Fact]
    public async Task Bind_DirectWithProjectNumber_UsesThePrincipalMember()
    {
        var result = await new CliHarness().RunAsync([.. Base, "--direct", "--project-number", "123456789012"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(
            "    --member=\"principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/cluster-proj.svc.id.goog/subject/ns/apps/sa/app-ksa\"\n",
            result.Out, StringComparison.Ordinal);
        Assert.EndsWith(KsaYaml, result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bind_DirectLiveWithoutNumber_AsksIamForThePoolProjectNumber()
    {
        var iam = new InMemoryIamFacts();
        iam.ProjectNumbers["cluster-proj"] = "998877665544";

        var result = await new CliHarness { IamFacts = _ => iam }.RunAsync([.. Base, "--direct", "--live"]);

        Assert.Contains("principal://iam.googleapis.com/projects/998877665544/locations/global/workloadIdentityPools/cluster-proj.svc.id.goog/subject/ns/apps/sa/app-ksa", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bind_DirectWithoutLiveOrSnapshot_NeverAsksIam()
    {
        var asked = false;

        var result = await new CliHarness { IamFacts = _ => { asked = true; return new InMemoryIamFacts(); } }.RunAsync([.. Base, "--direct"]);

        Assert.False(asked);
        Assert.Contains("$(gcloud projects describe cluster-proj --format='value(projectNumber)')", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bind_DirectWhenNumberCannotBeFound_PrintsACommandThatFetchesIt()
    {
        var result = await new CliHarness { IamFacts = _ => new InMemoryIamFacts() }.RunAsync([.. Base, "--direct", "--live"]);

        Assert.Contains(
            "--member=\"principal://iam.googleapis.com/projects/$(gcloud projects describe cluster-proj --format='value(projectNumber)')/locations/global/workloadIdentityPools/cluster-proj.svc.id.goog/subject/ns/apps/sa/app-ksa\"",
            result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bind_WorkloadPoolFromEnvironment_IsUsed()
    {
        var harness = new CliHarness { Environment = new() { ["WiGuard__WorkloadPool"] = "fleet-host.svc.id.goog" } };

        var result = await harness.RunAsync("bind", "-n", "apps", "--ksa", "app-ksa", "--gsa", Gsa);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--member=\"serviceAccount:fleet-host.svc.id.goog[apps/app-ksa]\"", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--gsa", "app-gsa", "--gsa 'app-gsa' is a short name; give the full email, e.g. app-gsa@PROJECT_ID.iam.gserviceaccount.com")]
    [InlineData("--gsa", "App-Gsa@my-proj.iam.gserviceaccount.com", "GSA emails are lower case: app-gsa@my-proj.iam.gserviceaccount.com")]
    [InlineData("--gsa", "app-gsa@my-proj.example.com", "--gsa 'app-gsa@my-proj.example.com' is not a GSA email")]
    [InlineData("--namespace", "Apps", "--namespace 'Apps' is not a valid namespace name")]
    [InlineData("--ksa", "app_ksa", "--ksa 'app_ksa' is not a valid ServiceAccount name")]
    [InlineData("--workload-pool", "cluster-proj", "--workload-pool 'cluster-proj' must look like PROJECT_ID.svc.id.goog")]
    [InlineData("--project-number", "my-proj", "--project-number 'my-proj' must be the project's number")]
    public async Task Bind_InvalidInput_Exits2WithAClearError(string option, string value, string expected)
    {
        var args = Base.ToList();
        var at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value;
        else args.AddRange([option, value]);

        var result = await new CliHarness().RunAsync([.. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Bind_WithoutWorkloadPool_Exits2AndSaysHowToFindIt()
    {
        var result = await new CliHarness().RunAsync("bind", "-n", "apps", "--ksa", "app-ksa", "--gsa", Gsa);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--workload-pool is required", result.Error, StringComparison.Ordinal);
        Assert.Contains("workloadIdentityConfig.workloadPool", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bind_MissingRequiredOption_Exits2()
    {
        var result = await new CliHarness().RunAsync("bind", "--ksa", "app-ksa", "--gsa", Gsa);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--namespace", result.Error, StringComparison.Ordinal);
    }
}
