namespace WiGuard.TestSupport.FakeGoogle;

/// <summary>Error bodies as Google sends them (google.rpc.Status inside "error").</summary>
public static class GoogleErrors
{
    public const string UnknownServiceAccount =
        """{"error":{"code":404,"message":"Unknown service account","status":"NOT_FOUND"}}""";

    public const string ProjectNotFound =
        """{"error":{"code":404,"message":"Project not found.","status":"NOT_FOUND"}}""";

    public const string CallerHasNoPermission =
        """{"error":{"code":403,"message":"The caller does not have permission","status":"PERMISSION_DENIED"}}""";

    public const string Internal =
        """{"error":{"code":500,"message":"Internal error encountered.","status":"INTERNAL"}}""";

    public const string ServiceUnavailable =
        """{"error":{"code":503,"message":"The service is currently unavailable.","status":"UNAVAILABLE"}}""";

    public static string IamPermissionDenied(string permission) =>
        $$$"""{"error":{"code":403,"message":"Permission '{{{permission}}}' denied on resource (or it may not exist).","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"IAM_PERMISSION_DENIED","domain":"iam.googleapis.com","metadata":{"permission":"{{{permission}}}"}}]}}""";

    public static string QuotaExceeded(string service) =>
        $$$"""{"error":{"code":429,"message":"Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service '{{{service}}}' for consumer 'project_number:123456789012'.","status":"RESOURCE_EXHAUSTED"}}""";

    public static string InvalidArgument(string message) =>
        $$$"""{"error":{"code":400,"message":"{{{message}}}","status":"INVALID_ARGUMENT"}}""";
}
