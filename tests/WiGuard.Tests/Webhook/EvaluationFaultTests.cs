using Microsoft.Extensions.DependencyInjection;
using WiGuard.Admission;
using WiGuard.Core.Facts;
using WiGuard.Tests.Support;

namespace WiGuard.Tests.Webhook;

public sealed class EvaluationFaultTests
{
    [Fact]
    public async Task Validate_FactSourceThrows_AllowsWithAWarningThatNothingWasCheckedAndLogsTheFault()
    {
        await using var server = await WebhookServer.StartAsync(["--WiGuard:Mode=Enforce"],
            services => services.AddSingleton<IServiceAccountLookup>(new BrokenLookup()));
        const string pod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"apps"},"spec":{"serviceAccountName":"app-ksa","containers":[{"name":"web","image":"nginx"}]}}""";

        var response = await server.ReviewAsync(Reviews.For(pod));

        Assert.True(response.GetProperty("allowed").GetBoolean());
        Assert.Equal(AdmissionHandler.EvaluationFailedWarning, Assert.Single(response.GetProperty("warnings").EnumerateArray()).GetString());
        Assert.Contains(server.LogLines, l => l.GetProperty("Level").GetString() == "Error" && l.GetProperty("RenderedMessage").GetString()!.Contains("cache exploded", StringComparison.Ordinal));
    }

    private sealed class BrokenLookup : IServiceAccountLookup
    {
        public KsaLookup Find(string @namespace, string name) => throw new InvalidOperationException("cache exploded");
    }
}
