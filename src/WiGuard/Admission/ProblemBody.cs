using System.Text.Json.Serialization;

namespace WiGuard.Admission;

/// <summary>RFC 9457 problem details, the JSON error body of every refused request.</summary>
public sealed record ProblemBody(string Title, int Status, string Detail)
{
    public string Type => "about:blank";

    public static IResult Result(RequestProblem problem) => Results.Json(
        new ProblemBody(problem.Title, problem.StatusCode, problem.Detail),
        HostJsonContext.Default.ProblemBody,
        contentType: "application/problem+json",
        statusCode: problem.StatusCode);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(Health.HealthReport))]
internal sealed partial class HostJsonContext : JsonSerializerContext
{
}
