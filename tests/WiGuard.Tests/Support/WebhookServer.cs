using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WiGuard.Hosting;
using WiGuard.Tls;

namespace WiGuard.Tests.Support;

/// <summary>The real <c>wiguard serve</c> host on a loopback port over HTTPS, as the API server reaches it.</summary>
public sealed class WebhookServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly StringWriter _log = new();

    private WebhookServer(WebApplication app, StringWriter log)
    {
        _app = app;
        _log = log;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    /// <summary>Every JSON log line written so far.</summary>
    public IReadOnlyList<JsonElement> LogLines
    {
        get
        {
            string text;
            lock (_log) text = _log.ToString();
            return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
        }
    }

    public string LogText
    {
        get { lock (_log) return _log.ToString(); }
    }

    public static async Task<WebhookServer> StartAsync(IEnumerable<string>? settings = null, Action<IServiceCollection>? services = null)
    {
        var log = new StringWriter();
        var args = new List<string> { "--urls=https://127.0.0.1:0" };
        args.AddRange(settings ?? []);
        var app = WiGuardHost.Build([.. args], TextWriter.Synchronized(log), services);
        var server = new WebhookServer(app, log);
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Urls.Single());
        return server;
    }

    /// <summary>A client that trusts exactly the certificate the server serves right now (a fresh connection each time).</summary>
    public HttpClient Client(Action<X509Certificate2>? onCertificate = null)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.Zero,
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    if (certificate is null) return false;
                    using var served = new X509Certificate2(certificate);
                    onCertificate?.Invoke(served);
                    return true;
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    public async Task<HttpResponseMessage> PostAsync(string body, string contentType = "application/json")
    {
        using var client = Client();
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await client.PostAsync("/validate", content);
    }

    /// <summary>Posts a review and returns its <c>response</c> object.</summary>
    public async Task<JsonElement> ReviewAsync(string review)
    {
        using var response = await PostAsync(review);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        Assert.Equal("admission.k8s.io/v1", document.RootElement.GetProperty("apiVersion").GetString());
        Assert.Equal("AdmissionReview", document.RootElement.GetProperty("kind").GetString());
        return document.RootElement.GetProperty("response").Clone();
    }

    public string CurrentFingerprint => CertificateStore.Fingerprint(_app.Services.GetRequiredService<CertificateStore>().Current);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
