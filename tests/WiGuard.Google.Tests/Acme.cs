namespace WiGuard.Google.Tests;

/// <summary>Names and Google JSON of the acme-prod example organisation.</summary>
internal static class Acme
{
    public const string AppGsa = "app-gsa@acme-prod.iam.gserviceaccount.com";
    public const string Pool = "acme-prod.svc.id.goog";
    public const string Number = "123456789012";

    /// <summary>As <c>gcloud iam service-accounts get-iam-policy --format=json</c> prints it.</summary>
    public const string AppGsaPolicy = """
        {
          "bindings": [
            {
              "members": [
                "serviceAccount:acme-prod.svc.id.goog[apps/app-ksa]"
              ],
              "role": "roles/iam.workloadIdentityUser"
            }
          ],
          "etag": "BwYhH3c4Jxk=",
          "version": 1
        }
        """;

    public const string StagingOnlyPolicy = """
        {"bindings":[{"members":["serviceAccount:acme-prod.svc.id.goog[staging/app-ksa]"],"role":"roles/iam.workloadIdentityUser"}],"etag":"BwYhH4aQmZs=","version":1}
        """;

    public const string ProjectPolicy = """
        {"bindings":[{"members":["group:platform-team@acme.example"],"role":"roles/container.admin"}],"etag":"BwYjZ5k0eLg=","version":1}
        """;
}
