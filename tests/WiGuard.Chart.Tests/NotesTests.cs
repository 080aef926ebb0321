using WiGuard.Chart.Tests.Support;

namespace WiGuard.Chart.Tests;

public sealed class NotesTests
{
    [Fact]
    public async Task Install_NotesShowAServerDryRunThatTriggersAFinding()
    {
        var result = await Helm.RunAsync(["install", Helm.Release, RepoPaths.Chart, "--namespace", Helm.Namespace, "--dry-run=client"]);

        Assert.True(result.Succeeded, result.ToString());
        var notes = result.StdOut[result.StdOut.IndexOf("NOTES:", StringComparison.Ordinal)..];
        Assert.Contains("kubectl apply --dry-run=server -f -", notes, StringComparison.Ordinal);
        Assert.Contains("iam.gke.io/gcp-service-acount=", notes, StringComparison.Ordinal);
        Assert.Contains("rollout status deployment/wiguard", notes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_WithoutWorkloadPool_NotesSayTheBindingChecksAreSkipped()
    {
        var unset = await Helm.RunAsync(["install", Helm.Release, RepoPaths.Chart, "-n", Helm.Namespace, "--dry-run=client"]);
        var set = await Helm.RunAsync(["install", Helm.Release, RepoPaths.Chart, "-n", Helm.Namespace, "--dry-run=client",
            "--set", "workloadPool=acme-prod.svc.id.goog"]);

        Assert.Contains("workloadPool is not set", unset.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("workloadPool is not set", set.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_IntoDefaultNamespace_NotesWarnThatDefaultGoesUnchecked()
    {
        var inDefault = await Helm.RunAsync(["install", Helm.Release, RepoPaths.Chart, "-n", "default", "--dry-run=client"]);
        var inOwn = await Helm.RunAsync(["install", Helm.Release, RepoPaths.Chart, "-n", Helm.Namespace, "--dry-run=client"]);

        Assert.Contains("nothing\ndeployed to \"default\" is checked", inDefault.StdOut.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("WARNING", inOwn.StdOut, StringComparison.Ordinal);
    }
}
