using WiGuard.Admission;
using WiGuard.Tls;

namespace WiGuard.Hosting;

internal static class HttpsSetup
{
    /// <summary>Listens on the configured URLs (default https://127.0.0.1:8443); any plain-HTTP URL stops start-up.</summary>
    public static void UseHttpsOnly(this WebApplicationBuilder builder)
    {
        var urls = builder.Configuration["urls"];
        if (string.IsNullOrWhiteSpace(urls))
        {
            urls = WiGuardHost.DefaultUrl;
            builder.WebHost.UseUrls(urls);
        }

        var plain = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(u => !u.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (plain.Count > 0)
            throw new StartupException($"WiGuard serves HTTPS only (the API server calls webhooks over TLS); change --urls/ASPNETCORE_URLS: {string.Join(", ", plain)}");

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = AdmissionReviewReader.MaxBodyBytes;
            kestrel.ConfigureHttpsDefaults(https =>
            {
                var store = kestrel.ApplicationServices.GetRequiredService<CertificateStore>();
                https.ServerCertificateSelector = (_, _) => store.Current;
            });
        });
    }
}
