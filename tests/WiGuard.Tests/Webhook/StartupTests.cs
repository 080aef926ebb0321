using Microsoft.Extensions.Options;
using WiGuard.Hosting;
using WiGuard.Tests.Support;

namespace WiGuard.Tests.Webhook;

public sealed class StartupTests
{
    [Fact]
    public async Task Serve_PlainHttpUrl_RefusesToStart()
    {
        var error = Assert.Throws<StartupException>(() => WiGuardHost.Build(["--urls=http://127.0.0.1:0"], TextWriter.Null));

        Assert.Contains("HTTPS only", error.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Serve_InvalidSettings_FailsAtStartNamingEveryKey()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => WebhookServer.StartAsync(
            ["--WiGuard:WorkloadPool=acme-prod", "--WiGuard:ProjectNumber=12ab", "--WiGuard:Exemptions:0:Namespace=apps", "--WiGuard:Exemptions:0:Rule=WI999"]));

        Assert.Contains("WiGuard:WorkloadPool", error.Message, StringComparison.Ordinal);
        Assert.Contains("WiGuard:ProjectNumber", error.Message, StringComparison.Ordinal);
        Assert.Contains("WiGuard:Exemptions:0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_UnknownMode_FailsAtStartNamingTheKey()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => WebhookServer.StartAsync(["--WiGuard:Mode=Enforcing"]));

        Assert.Contains("WiGuard:Mode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_MissingCertificateFile_FailsAtStartNamingTheKey()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => WebhookServer.StartAsync(["--WiGuard:Tls:CertPath=/nonexistent/tls.crt"]));

        Assert.Contains("WiGuard:Tls:CertPath", error.Message, StringComparison.Ordinal);
    }
}
