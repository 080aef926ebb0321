using WiGuard.Check.Input;
using WiGuard.Check.Report;
using WiGuard.Core.Evaluation;
using WiGuard.Core.Kubernetes;
using WiGuard.Core.Rules;

namespace WiGuard.Tests.Check;

/// <summary>The renderers on their own, as <c>wiguard audit</c> uses them for objects read from a cluster (no file, no line).</summary>
public sealed class ReportRenderingTests
{
    private static CheckReport ClusterReport()
    {
        var sa = new ReviewedObject(ResourceKind.ServiceAccount, "apps", "app-ksa", new ServiceAccount { Metadata = new ObjectMeta { Name = "app-ksa", Namespace = "apps" } });
        var finding = new Finding("WT902", sa.Display, "[WT902] short GSA name 'app-gsa'", "GKE needs the full email.", "kubectl annotate …");
        var decision = Decision.From([new JudgedFinding(finding, RuleAction.Deny)], []);
        return new CheckReport([new ReportEntry(null, sa, decision)], [], [], []);
    }

    [Fact]
    public void Text_ObjectWithoutLocation_IsNamedByKindNamespaceAndName()
    {
        using var output = new StringWriter();

        TextReport.Write(ClusterReport(), output);

        Assert.Equal(
            "ServiceAccount apps/app-ksa\n" +
            "  [WT902] short GSA name 'app-gsa' (deny)\n" +
            "    Why: GKE needs the full email.\n" +
            "    Fix: kubectl annotate …\n" +
            "\n" +
            "1 object checked, 1 deny, 0 warn\n",
            output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Json_ObjectWithoutLocation_HasNullFileAndLine()
    {
        using var output = new StringWriter();

        JsonReport.Write(ClusterReport(), output);

        var entry = JsonAssert.Parse(output.ToString()).GetProperty("objects")[0];
        Assert.Equal(System.Text.Json.JsonValueKind.Null, entry.GetProperty("file").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, entry.GetProperty("line").ValueKind);
        // Readable text, not \u0027 escapes.
        Assert.Contains("short GSA name 'app-gsa'", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_ObjectWithoutLocation_HasOnlyALogicalLocation()
    {
        using var output = new StringWriter();

        SarifReport.Write(ClusterReport(), TestRules.All, output);

        var location = JsonAssert.Parse(output.ToString()).GetProperty("runs")[0].GetProperty("results")[0].GetProperty("locations")[0];
        Assert.False(location.TryGetProperty("physicalLocation", out _));
        Assert.Equal("ServiceAccount apps/app-ksa", location.GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
    }

    [Fact]
    public void Text_SkippedDocumentsAndNotes_ComeBeforeTheFindings()
    {
        var report = ClusterReport() with
        {
            Notes = ["IAM rules not checked: pass --iam-snapshot FILE or --live"],
            Skipped = [new SkippedDocument(new SourceLocation("values.yaml", 2), "not a Kubernetes object (no apiVersion and kind)")],
        };
        using var output = new StringWriter();

        TextReport.Write(report, output);

        Assert.StartsWith(
            "IAM rules not checked: pass --iam-snapshot FILE or --live\n" +
            "values.yaml:2: skipped: not a Kubernetes object (no apiVersion and kind)\n" +
            "\n" +
            "ServiceAccount apps/app-ksa\n",
            output.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
