namespace WiGuard.Health;

/// <summary>Something that must be true before the webhook takes traffic (certificate loaded, caches synced).</summary>
public interface IReadinessCheck
{
    string Name { get; }

    /// <returns>Null when ready, else what is missing.</returns>
    string? Problem();
}

public sealed record HealthCheckResult(string Name, bool Ready, string? Problem);

public sealed record HealthReport(string Status, IReadOnlyList<HealthCheckResult> Checks);

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        // Live means the process answers; readiness says whether it should get admissions.
        endpoints.MapGet("/healthz", () => Results.Json(new HealthReport("ok", []), Admission.HostJsonContext.Default.HealthReport));
        endpoints.MapGet("/readyz", (IEnumerable<IReadinessCheck> checks) =>
        {
            var results = checks.Select(c => c.Problem() is { } problem
                ? new HealthCheckResult(c.Name, false, problem)
                : new HealthCheckResult(c.Name, true, null)).ToList();
            var ready = results.All(r => r.Ready);
            return Results.Json(new HealthReport(ready ? "ready" : "not ready", results), Admission.HostJsonContext.Default.HealthReport,
                statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }
}
