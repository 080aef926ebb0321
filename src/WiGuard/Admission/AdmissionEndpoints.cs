using WiGuard.Core.Admission;
using WiGuard.Core.Kubernetes;

namespace WiGuard.Admission;

public static class AdmissionEndpoints
{
    /// <summary>POST /validate: AdmissionReview admission.k8s.io/v1 in, AdmissionReview out.</summary>
    public static IEndpointRouteBuilder MapAdmission(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/validate", ValidateAsync);
        return endpoints;
    }

    private static async Task<IResult> ValidateAsync(HttpRequest request, AdmissionHandler handler, CancellationToken cancellationToken)
    {
        var (review, problem) = await AdmissionReviewReader.ReadAsync(request, cancellationToken);
        if (problem is not null) return ProblemBody.Result(problem);

        var (response, invalid) = await handler.HandleAsync(review!.Request!, cancellationToken);
        if (invalid is not null) return ProblemBody.Result(invalid);

        var answer = new AdmissionReview { ApiVersion = AdmissionReview.ApiVersionV1, Kind = AdmissionReview.KindName, Response = response };
        return Results.Json(answer, KubeJsonContext.Default.AdmissionReview);
    }
}
