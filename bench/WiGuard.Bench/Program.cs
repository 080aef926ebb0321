using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using WiGuard.Core.Configuration;
using WiGuard.Core.Evaluation;
using WiGuard.Core.Facts;
using WiGuard.Core.Kubernetes;
using WiGuard.Google.Auth;
using WiGuard.Google.Caching;
using WiGuard.Google.Live;
using WiGuard.Google.Telemetry;
using WiGuard.TestSupport.FakeGoogle;

// Admission latency (fact gathering + rule evaluation) for ServiceAccounts annotated with 1, 100 and
// 10,000 distinct GSAs: warm cache, and cold cache against a fake IAM answering in 100 ms.
const int Concurrency = 64;
const string Pool = "acme-prod.svc.id.goog";
var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1, 100, 10_000];

await using var google = await FakeGoogleServer.StartAsync();
google.AddProject("acme-prod", "123456789012", """{"version":1,"etag":"ACAB"}""");
var subjects = new List<ReviewedObject>();
for (var i = 0; i < sizes.Max(); i++)
{
    var email = $"bench-{i:D5}@acme-prod.iam.gserviceaccount.com";
    google.AddServiceAccount(email, $$"""{"bindings":[{"members":["serviceAccount:acme-prod.svc.id.goog[apps/ksa-{{i}}]"],"role":"roles/iam.workloadIdentityUser"}],"etag":"BwY=","version":1}""");
    subjects.Add(ServiceAccount("apps", $"ksa-{i}", email));
}

Console.WriteLine($"WiGuard admission latency, {Environment.ProcessorCount} cores, {Concurrency} admissions in flight, Iam:Timeout 2s");
Console.WriteLine("| cache | IAM latency | client rate limit | distinct GSAs | admissions | p50 ms | p95 ms | p99 ms | max ms | could not verify | upstream calls | wall s |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var n in sizes)
{
    var set = subjects.Take(n).ToList();
    var admissions = Math.Max(n, 1000);

    // Warm: every GSA already cached (filled fast, without the rate limit), then the same admissions again.
    google.Delay = TimeSpan.Zero;
    using (var warm = Stack(google, perSecond: 1_000_000))
    {
        await RunAsync(warm, set, set.Count);
        await Report("warm", "-", "-", warm, set, admissions);
    }

    // Cold: an empty cache and IAM answering in 100 ms; each distinct GSA once.
    google.Delay = TimeSpan.FromMilliseconds(100);
    using (var cold = Stack(google, perSecond: 40))
        await Report("cold", "100 ms", "40/s", cold, set, n);
    using (var cold = Stack(google, perSecond: 1_000_000))
        await Report("cold", "100 ms", "off", cold, set, n);
}

async Task Report(string cache, string latency, string limit, BenchStack stack, List<ReviewedObject> set, int admissions)
{
    var before = google.TotalCalls;
    var wall = Stopwatch.StartNew();
    var (times, failures) = await RunAsync(stack, set, admissions);
    wall.Stop();
    times.Sort();
    double P(double q) => times[Math.Min(times.Count - 1, (int)(q * times.Count))];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {cache} | {latency} | {limit} | {set.Count:N0} | {admissions:N0} | {P(0.50):0.00} | {P(0.95):0.00} | {P(0.99):0.00} | {times[^1]:0.00} | {failures:N0} | {google.TotalCalls - before:N0} | {wall.Elapsed.TotalSeconds:0.0} |"));
}

async Task<(List<double> Times, int Failures)> RunAsync(BenchStack stack, List<ReviewedObject> set, int admissions)
{
    var gatherer = new FactGatherer(stack.Facts, NoServiceAccountLookup.Instance, new WiGuardOptions { WorkloadPool = Pool });
    var evaluator = new Evaluator();
    var times = new double[admissions];
    var failures = 0;
    await Parallel.ForAsync(0, admissions, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, ct) =>
    {
        var subject = set[i % set.Count];
        var started = Stopwatch.GetTimestamp();
        var facts = await gatherer.GatherAsync(subject, ct);
        var findings = evaluator.Evaluate(subject, facts);
        times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (findings.Any(f => f.Message.Contains("could not check", StringComparison.Ordinal))) Interlocked.Increment(ref failures);
    });
    return ([.. times], failures);
}

static BenchStack Stack(FakeGoogleServer google, double perSecond)
{
    var options = new IamOptions { IamBaseUri = google.BaseUri, ResourceManagerBaseUri = google.BaseUri, Credentials = IamCredentials.None };
    var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    var metrics = new IamMetrics();
    var client = new GoogleRestClient(http, NoAccessToken.Instance, new RequestPacer(TimeProvider.System, perSecond, Math.Min(perSecond, 100)), TimeProvider.System, options, metrics, NullLogger.Instance);
    var live = new LiveIamFacts(client, options, NullLogger.Instance);
    return new BenchStack(new CachedIamFacts(live, options, TimeProvider.System, metrics, NullLogger.Instance), http, metrics);
}

static ReviewedObject ServiceAccount(string ns, string name, string gsa)
{
    var json = "{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + ns +
        "\",\"annotations\":{\"iam.gke.io/gcp-service-account\":\"" + gsa + "\"}}}";
    using var doc = JsonDocument.Parse(json);
    return new ReviewedObject(ResourceKind.ServiceAccount, ns, name, KubeObjectReader.Read(ResourceKind.ServiceAccount, doc.RootElement));
}

internal sealed record BenchStack(CachedIamFacts Facts, HttpClient Http, IamMetrics Metrics) : IDisposable
{
    public void Dispose()
    {
        Facts.Dispose();
        Http.Dispose();
        Metrics.Dispose();
    }
}
