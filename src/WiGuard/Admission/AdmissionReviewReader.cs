using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using WiGuard.Core.Admission;
using WiGuard.Core.Kubernetes;

namespace WiGuard.Admission;

/// <summary>Reads and checks the body of POST /validate, naming precisely what is wrong with it.</summary>
public static class AdmissionReviewReader
{
    /// <summary>An UPDATE carries object and oldObject, each up to the API server's 3 MiB.</summary>
    public const long MaxBodyBytes = 8 * 1024 * 1024;

    public static async Task<(AdmissionReview? Review, RequestProblem? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            return (null, new RequestProblem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"POST /validate takes Content-Type application/json, got '{request.ContentType ?? "none"}'"));
        }

        if (request.ContentLength > MaxBodyBytes) return (null, TooLarge(request.ContentLength.Value));
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxBodyBytes;

        AdmissionReview? review;
        try
        {
            review = await JsonSerializer.DeserializeAsync(request.Body, KubeJsonContext.Default.AdmissionReview, cancellationToken);
        }
        catch (JsonException ex)
        {
            return (null, RequestProblem.BadRequest(Describe(ex)));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(null));
        }

        return review is null
            ? (null, RequestProblem.BadRequest("the body is JSON null, not an AdmissionReview"))
            : (review, Check(review));
    }

    private static RequestProblem? Check(AdmissionReview review)
    {
        if (review.ApiVersion != AdmissionReview.ApiVersionV1)
            return RequestProblem.BadRequest($"apiVersion must be {AdmissionReview.ApiVersionV1}, got '{review.ApiVersion ?? "none"}' (set admissionReviewVersions: [v1] in the webhook configuration)");
        if (review.Kind != AdmissionReview.KindName)
            return RequestProblem.BadRequest($"kind must be AdmissionReview, got '{review.Kind ?? "none"}'");
        if (review.Request is null)
            return RequestProblem.BadRequest("the AdmissionReview has no request");
        if (string.IsNullOrEmpty(review.Request.Uid))
            return RequestProblem.BadRequest("request.uid is missing; the response must echo it");
        if (review.Request.Kind?.Kind is null)
            return RequestProblem.BadRequest("request.kind is missing");
        if (string.IsNullOrEmpty(review.Request.Operation))
            return RequestProblem.BadRequest("request.operation is missing");
        return null;
    }

    private static bool IsJson(string? contentType)
    {
        if (contentType is null) return false;
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
    }

    private static RequestProblem TooLarge(long? length) => new(
        StatusCodes.Status413PayloadTooLarge, "Request body too large",
        $"the body{(length is null ? "" : $" ({length} bytes)")} exceeds the {MaxBodyBytes / 1024 / 1024} MiB limit for an AdmissionReview");

    private static string Describe(JsonException ex)
    {
        var where = ex.LineNumber is { } line ? $" at line {line + 1}, byte {ex.BytePositionInLine + 1}" : "";
        var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" ({ex.Path})";
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        return $"the body is not a valid AdmissionReview{where}{path}: {message}";
    }
}
