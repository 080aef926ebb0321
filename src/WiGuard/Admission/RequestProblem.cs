namespace WiGuard.Admission;

/// <summary>Why a request to /validate is refused before evaluation: a client mistake, never a server fault.</summary>
public sealed record RequestProblem(int StatusCode, string Title, string Detail)
{
    public static RequestProblem BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Invalid AdmissionReview", detail);
}
