namespace WiGuard.Chart.Tests.Support;

/// <summary>
/// Runs the helm binary named by HELM_BIN, else `helm` on PATH, else the one
/// `.ci/install-helm.sh` fetches into a cache outside the repository (so a plain
/// `dotnet test` works on a fresh machine).
/// </summary>
internal static class Helm
{
    public const string Release = "wiguard";
    public const string Namespace = "wiguard";

    private static readonly Lazy<string> Binary = new(FindBinary);

    public static Task<ProcessResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default) =>
        Processes.RunAsync(Binary.Value, arguments, cancellationToken: cancellationToken);

    /// <summary>`helm template wiguard charts/wiguard -n NAMESPACE ARGS`.</summary>
    public static Task<ProcessResult> TemplateAsync(IEnumerable<string> arguments, string ns = Namespace) =>
        RunAsync(["template", Release, RepoPaths.Chart, "--namespace", ns, .. arguments]);

    /// <summary>Renders the chart and parses every object; fails the test with Helm's error when rendering fails.</summary>
    public static Task<Rendered> RenderAsync(params string[] arguments) => RenderInAsync(Namespace, arguments);

    public static async Task<Rendered> RenderInAsync(string ns, params string[] arguments)
    {
        var result = await TemplateAsync(arguments, ns);
        Assert.True(result.Succeeded, $"helm template {string.Join(' ', arguments)} failed: {result}");
        return new Rendered(YamlDocuments.Parse(result.StdOut));
    }

    public static string BinaryPath => Binary.Value;

    private static string FindBinary()
    {
        var configured = Environment.GetEnvironmentVariable("HELM_BIN");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"HELM_BIN points to {configured}, which does not exist.");
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "helm"))
            .FirstOrDefault(File.Exists);
        return onPath ?? Install();
    }

    private static string Install()
    {
        var script = Path.Combine(RepoPaths.Root, ".ci", "install-helm.sh");
        var result = Processes.RunAsync("bash", [script]).GetAwaiter().GetResult();
        var path = result.StdOut.Trim().Split('\n').LastOrDefault() ?? "";
        return result.Succeeded && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"helm not found (HELM_BIN unset, not on PATH) and {script} failed: {result}");
    }
}
