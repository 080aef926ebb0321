using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using WiGuard.Tests.Support;

namespace WiGuard.Tests.Webhook;

public sealed class TlsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wiguard-tls-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Serve_WithoutCertificate_ServesASelfSignedOneAndLogsItsFingerprint()
    {
        await using var server = await WebhookServer.StartAsync();
        string? served = null;
        using var client = server.Client(c => served = Convert.ToHexString(c.GetCertHash(HashAlgorithmName.SHA256)));

        using var response = await client.GetAsync("/healthz");

        Assert.NotNull(served);
        Assert.Contains(served, server.LogText, StringComparison.Ordinal);
        Assert.Contains("self-signed", server.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_CertificateReplacedOnDisk_ServesTheNewOneWithoutRestart()
    {
        var cert = Path.Combine(_dir, "tls.crt");
        var key = Path.Combine(_dir, "tls.key");
        var first = PemFiles.Write(cert, key, "wiguard-first");
        var time = new ManualTime();
        await using var server = await WebhookServer.StartAsync(
            [$"--WiGuard:Tls:CertPath={cert}", $"--WiGuard:Tls:KeyPath={key}"],
            services => services.AddSingleton<TimeProvider>(time));

        Assert.Equal(first, await ServedFingerprint(server));

        var second = PemFiles.Write(cert, key, "wiguard-second");
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(second, await ServedFingerprint(server));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Serve_ReplacementPairHalfWritten_KeepsServingThePreviousCertificate()
    {
        var cert = Path.Combine(_dir, "tls.crt");
        var key = Path.Combine(_dir, "tls.key");
        var first = PemFiles.Write(cert, key, "wiguard-first");
        var time = new ManualTime();
        await using var server = await WebhookServer.StartAsync(
            [$"--WiGuard:Tls:CertPath={cert}", $"--WiGuard:Tls:KeyPath={key}"],
            services => services.AddSingleton<TimeProvider>(time));

        await File.WriteAllTextAsync(key, "-----BEGIN PRIVATE KEY-----\ntruncated");
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(first, await ServedFingerprint(server));
        Assert.Contains("could not be loaded", server.LogText, StringComparison.Ordinal);
    }

    private static async Task<string?> ServedFingerprint(WebhookServer server)
    {
        string? served = null;
        using var client = server.Client(c => served = Convert.ToHexString(c.GetCertHash(HashAlgorithmName.SHA256)));
        using var response = await client.GetAsync("/healthz");
        return served;
    }
}
