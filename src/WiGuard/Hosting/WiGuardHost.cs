using WiGuard.Admission;
using WiGuard.Health;
using WiGuard.Metrics;

namespace WiGuard.Hosting;

/// <summary>Builds the webhook server; <c>wiguard serve</c> runs it and tests start it on a loopback port.</summary>
public static class WiGuardHost
{
    public const string DefaultUrl = "https://127.0.0.1:8443";

    /// <param name="args">ASP.NET Core configuration arguments (<c>--WiGuard:Mode=Enforce</c>, <c>--urls=…</c>).</param>
    /// <param name="logOutput">Where JSON log lines go; standard output when null.</param>
    /// <param name="configureServices">Replaces or adds services (tests, embedding).</param>
    public static WebApplication Build(string[] args, TextWriter? logOutput = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        builder.AddWiGuardLogging(logOutput);
        builder.UseHttpsOnly();
        builder.Services.AddWiGuard(builder.Configuration);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        // The exporter only sees measurements made after it starts listening.
        app.Services.GetRequiredService<PrometheusExporter>();
        app.UseWiGuardErrors();
        app.MapAdmission();
        app.MapHealth();
        app.MapMetrics();
        return app;
    }
}
