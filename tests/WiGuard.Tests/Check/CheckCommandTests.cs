using WiGuard.Check;

namespace WiGuard.Tests.Check;

/// <summary>The check pipeline through the real command line, with stand-in rules (see <see cref="TestRules"/>).</summary>
public sealed class CheckCommandTests : IDisposable
{
    private const string BadSa = """
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: app-ksa
          namespace: apps
          annotations:
            iam.gke.io/gcp-service-account: app-gsa
        """;

    private const string PlainDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: apps
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: nginx
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("wiguard-check-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CliHarness CreateSut(string stdin = "", Dictionary<string, string?>? environment = null) =>
        new() { Rules = TestRules.All, Stdin = stdin, Environment = environment ?? [] };

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Check_DenyLevelFinding_Exits1AndPrintsObjectFindingWhyAndFix()
    {
        var file = Write("sa.yaml", "# the app's KSA\n" + BadSa);

        var result = await CreateSut().RunAsync("check", "-f", file);

        Assert.Equal(1, result.ExitCode);
        var path = file.Replace('\\', '/');
        Assert.Contains(
            $"{path}:2: ServiceAccount apps/app-ksa\n" +
            "  [WT902] short GSA name 'app-gsa' (deny)\n" +
            "    Why: GKE needs the full email.\n" +
            "    Fix: gcloud iam service-accounts describe app-gsa\n" +
            "         second line\n",
            result.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.EndsWith("1 object checked, 1 deny, 0 warn\n", result.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_OnlyWarnings_Exits0()
    {
        var file = Write("deploy.yaml", PlainDeployment);

        var result = await CreateSut().RunAsync("check", "--filename", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  [WT910] no serviceAccountName (warn)", result.Out, StringComparison.Ordinal);
        Assert.Contains("1 object checked, 0 deny, 1 warn", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_Stdin_ReadsManifestsFromDash()
    {
        var result = await CreateSut(stdin: BadSa + "\n---\n" + PlainDeployment).RunAsync("check", "-f", "-");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("<stdin>:1: ServiceAccount apps/app-ksa", result.Out, StringComparison.Ordinal);
        Assert.Contains("<stdin>:9: Deployment apps/web", result.Out, StringComparison.Ordinal);
        Assert.Contains("2 objects checked, 1 deny, 1 warn", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_Folder_ReadsYamlYmlAndJsonRecursivelyAndIgnoresOtherFiles()
    {
        Write("k8s/a.yaml", BadSa);
        Write("k8s/nested/b.yml", PlainDeployment);
        Write("k8s/nested/c.json", """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"c","namespace":"apps"}}""");
        Write("k8s/README.md", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: not-read\n");

        var result = await CreateSut().RunAsync("check", "-f", Path.Combine(_dir, "k8s"), "-o", "json");

        var report = JsonAssert.Parse(result.Out);
        var files = report.GetProperty("objects").EnumerateArray().Select(o => Path.GetFileName(o.GetProperty("file").GetString())).ToList();
        Assert.Equal(["a.yaml", "b.yml", "c.json"], files);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Check_RepeatedFilenames_ChecksEveryInput()
    {
        var a = Write("a.yaml", BadSa);
        var b = Write("b.yaml", PlainDeployment);

        var result = await CreateSut().RunAsync("check", "-f", a, "--filename", b);

        Assert.Contains("2 objects checked, 1 deny, 1 warn", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_EmptyInput_SaysSoAndExits0()
    {
        var file = Write("empty.yaml", "# nothing rendered\n---\n");

        var result = await CreateSut().RunAsync("check", "-f", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(CheckRunner.EmptyInputNote, result.Out, StringComparison.Ordinal);
        Assert.Contains("0 objects checked, 0 deny, 0 warn", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_EmptyStdin_SaysSoAndExits0()
    {
        var result = await CreateSut(stdin: "").RunAsync("check", "-f", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("0 objects checked", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_BrokenYaml_Exits2NamingFileAndLineAndStillReportsTheOtherFiles()
    {
        var broken = Write("broken.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: [oops\n");
        var good = Write("deploy.yaml", PlainDeployment);

        var result = await CreateSut().RunAsync("check", "-f", broken, "-f", good);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"wiguard check: {broken.Replace('\\', '/')}:", result.Error, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", result.Error, StringComparison.Ordinal);
        Assert.Contains("1 object checked, 0 deny, 1 warn", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MissingFile_Exits2()
    {
        var result = await CreateSut().RunAsync("check", "-f", Path.Combine(_dir, "nope.yaml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nope.yaml: no such file or folder", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NoFilename_IsAUsageErrorExiting2()
    {
        var result = await CreateSut().RunAsync("check");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--filename", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--output", "yaml")]
    [InlineData("--mode", "Strict")]
    [InlineData("--rule", "WT902=Maybe")]
    [InlineData("--rule", "WI999=Off")]
    [InlineData("--namespace", "Not_A_Namespace")]
    [InlineData("--workload-pool", "my-proj")]
    [InlineData("--iam-snapshot", "/no/such/snapshot.json")]
    public async Task Check_BadOptionValue_Exits2(string option, string value)
    {
        var file = Write("sa.yaml", BadSa);

        var result = await CreateSut().RunAsync("check", "-f", file, option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.NotEqual("", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Check_UnknownArgument_Exits2InsteadOfBeingIgnored()
    {
        var file = Write("sa.yaml", BadSa);

        var result = await CreateSut().RunAsync("check", "-f", file, "extra.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unexpected argument 'extra.yaml'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ModeWarn_ReportsDenyLevelFindingsAsWarningsAndExits0()
    {
        var file = Write("sa.yaml", BadSa);

        var result = await CreateSut().RunAsync("check", "-f", file, "--mode", "Warn");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  [WT902] short GSA name 'app-gsa' (warn)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ModeFromEnvironment_IsHonouredAndTheFlagWins()
    {
        var file = Write("sa.yaml", BadSa);
        var environment = new Dictionary<string, string?> { ["WiGuard__Mode"] = "Warn" };

        var fromEnvironment = await CreateSut(environment: environment).RunAsync("check", "-f", file);
        var flagWins = await CreateSut(environment: environment).RunAsync("check", "-f", file, "--mode", "Enforce");

        Assert.Equal(0, fromEnvironment.ExitCode);
        Assert.Equal(1, flagWins.ExitCode);
    }

    [Fact]
    public async Task Check_RuleOff_SilencesThatRule()
    {
        var file = Write("sa.yaml", BadSa);

        var result = await CreateSut().RunAsync("check", "-f", file, "--rule", "wt902=Off");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("WT902", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_RuleOverrideAsConfigurationArgument_IsHonoured()
    {
        var file = Write("deploy.yaml", PlainDeployment);

        var result = await CreateSut().RunAsync("check", "-f", file, "--WiGuard:Rules:WT910=Deny");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[WT910] no serviceAccountName (deny)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_UnknownRuleInConfiguration_Exits2NamingTheKey()
    {
        var file = Write("sa.yaml", BadSa);
        var environment = new Dictionary<string, string?> { ["WiGuard__Rules__WI999"] = "Off" };

        var result = await CreateSut(environment: environment).RunAsync("check", "-f", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("WiGuard:Rules:WI999 is not a WiGuard rule", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_DeploymentNamingAKsaOfTheSameInput_IsJudgedAgainstThatKsa()
    {
        var file = Write("app.yaml", BadSa + "\n---\n" + PlainDeployment.Replace("    spec:\n", "    spec:\n      serviceAccountName: app-ksa\n", StringComparison.Ordinal)
            + "\n---\n" + PlainDeployment.Replace("name: web", "name: other", StringComparison.Ordinal).Replace("    spec:\n", "    spec:\n      serviceAccountName: elsewhere\n", StringComparison.Ordinal));

        var result = await CreateSut().RunAsync("check", "-f", file);

        Assert.Contains("[WT911] ksa apps/app-ksa: Found gsa=app-gsa (warn)", result.Out, StringComparison.Ordinal);
        Assert.Contains("[WT911] ksa apps/elsewhere: Unknown gsa=- (warn)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_KsaInAnotherFileOfTheSameRun_IsFound()
    {
        var sa = Write("k8s/sa.yaml", BadSa);
        var deploy = Write("k8s/deploy.yaml", PlainDeployment.Replace("    spec:\n", "    spec:\n      serviceAccountName: app-ksa\n", StringComparison.Ordinal));

        var result = await CreateSut().RunAsync("check", "-f", deploy, "-f", sa);

        Assert.Contains("[WT911] ksa apps/app-ksa: Found gsa=app-gsa", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ObjectWithoutNamespace_UsesNamespaceFlagElseDefault()
    {
        var file = Write("sa.yaml", BadSa.Replace("  namespace: apps\n", "", StringComparison.Ordinal));

        var flagged = await CreateSut().RunAsync("check", "-f", file, "--namespace", "team-a");
        var unflagged = await CreateSut().RunAsync("check", "-f", file);

        Assert.Contains(": ServiceAccount team-a/app-ksa", flagged.Out, StringComparison.Ordinal);
        Assert.Contains(": ServiceAccount default/app-ksa", unflagged.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ObjectInExemptNamespace_IsSkippedLikeTheWebhookDoes()
    {
        var file = Write("sa.yaml", BadSa.Replace("namespace: apps", "namespace: kube-system", StringComparison.Ordinal));

        var result = await CreateSut().RunAsync("check", "-f", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("skipped: ServiceAccount kube-system/app-ksa: namespace kube-system is exempt", result.Out, StringComparison.Ordinal);
        Assert.Contains("0 objects checked", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NonKubernetesYaml_IsListedAsSkipped()
    {
        var file = Write("values.yaml", "replicaCount: 2\n");

        var result = await CreateSut().RunAsync("check", "-f", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("values.yaml:1: skipped: not a Kubernetes object (no apiVersion and kind)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithoutIamSource_SaysIamRulesWereNotChecked()
    {
        var file = Write("sa.yaml", BadSa);
        var asked = false;
        var sut = new CliHarness { Rules = TestRules.All, IamFacts = _ => { asked = true; return new InMemoryIamFacts(); } };

        var result = await sut.RunAsync("check", "-f", file);

        Assert.False(asked);
        Assert.StartsWith("IAM rules not checked: pass --iam-snapshot FILE or --live", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("WT903", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_IamSnapshot_PassesItsPathToTheIamSourceAndRulesSeeTheFacts()
    {
        var snapshot = Write("iam.json", """{ "projects": {}, "serviceAccounts": {} }""");
        var file = Write("sa.yaml", BadSa.Replace("account: app-gsa", "account: app-gsa@my-proj.iam.gserviceaccount.com", StringComparison.Ordinal));
        string? seenPath = null;
        var sut = new CliHarness
        {
            Rules = TestRules.All,
            IamFacts = configuration =>
            {
                seenPath = configuration["WiGuard:Iam:SnapshotPath"];
                return new InMemoryIamFacts("app-gsa@my-proj.iam.gserviceaccount.com");
            },
        };

        var result = await sut.RunAsync("check", "-f", file, "--iam-snapshot", snapshot, "--workload-pool", "my-proj.svc.id.goog");

        Assert.Equal(snapshot, seenPath);
        Assert.Contains("[WT903] iam pool=my-proj.svc.id.goog gsa=Found (warn)", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("IAM rules not checked", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_Live_OverridesASnapshotPathFromTheEnvironment()
    {
        var file = Write("sa.yaml", BadSa);
        var snapshot = Write("iam.json", "{}");
        string? seenPath = "unset";
        var sut = new CliHarness
        {
            Rules = TestRules.All,
            Environment = new() { ["WiGuard__Iam__SnapshotPath"] = snapshot },
            IamFacts = configuration => { seenPath = configuration["WiGuard:Iam:SnapshotPath"]; return new InMemoryIamFacts(); },
        };

        await sut.RunAsync("check", "-f", file, "--live");

        Assert.Null(seenPath);
    }

    [Fact]
    public async Task Check_LiveAndSnapshotTogether_IsAUsageError()
    {
        var file = Write("sa.yaml", BadSa);
        var snapshot = Write("iam.json", "{}");

        var result = await CreateSut().RunAsync("check", "-f", file, "--live", "--iam-snapshot", snapshot);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--live and --iam-snapshot exclude each other", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_LiveWithoutWorkloadPool_SaysBindingRulesAreSkipped()
    {
        var file = Write("sa.yaml", BadSa);
        var sut = new CliHarness { Rules = TestRules.All, IamFacts = _ => new InMemoryIamFacts() };

        var result = await sut.RunAsync("check", "-f", file, "--live");

        Assert.Contains(CheckRunner.NoWorkloadPoolNote, result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_IamRequestedButNoSourceAvailable_SaysSoAndRunsTheOtherRules()
    {
        var file = Write("sa.yaml", BadSa);

        var result = await CreateSut().RunAsync("check", "-f", file, "--live");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(CheckRunner.IamUnavailableNote, result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_CrlfFileWithByteOrderMark_ReportsTheLinesAnEditorShows()
    {
        var path = Path.Combine(_dir, "windows.yaml");
        var text = ("# saved on Windows\n" + BadSa + "\n---\n" + PlainDeployment).Replace("\n", "\r\n", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, text, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var result = await CreateSut().RunAsync("check", "-f", path);

        Assert.Contains("windows.yaml:2: ServiceAccount apps/app-ksa", result.Out, StringComparison.Ordinal);
        Assert.Contains("windows.yaml:10: Deployment apps/web", result.Out, StringComparison.Ordinal);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Check_TenThousandObjects_ReportsEveryObject()
    {
        var file = Path.Combine(_dir, "big.yaml");
        await File.WriteAllTextAsync(file, GeneratedManifests.Yaml(10_000));
        var result = await CreateSut().RunAsync("check", "-f", file, "-o", "json");
        var summary = JsonAssert.Parse(result.Out).GetProperty("summary");
        Assert.Equal(10_000, summary.GetProperty("objects").GetInt32());
        // Every fifth object is a KSA with a short GSA name, every other fifth a Deployment without KSA.
        Assert.Equal(2_000, summary.GetProperty("deny").GetInt32());
        Assert.Equal(1, result.ExitCode);
    }
}
