using WiGuard.Core.Identity;

namespace WiGuard.Core.Tests.Identity;

public sealed class GsaEmailTests
{
    [Theory]
    [InlineData("app-gsa@acme-prod.iam.gserviceaccount.com", "app-gsa", "acme-prod", GsaKind.UserManaged)]
    [InlineData("billing-reader-2024@acme-prod.iam.gserviceaccount.com", "billing-reader-2024", "acme-prod", GsaKind.UserManaged)]
    [InlineData("app-gsa@acme-prod.example.com.iam.gserviceaccount.com", "app-gsa", "example.com:acme-prod", GsaKind.UserManaged)]
    [InlineData("acme-prod@appspot.gserviceaccount.com", "acme-prod", "acme-prod", GsaKind.AppEngineDefault)]
    [InlineData("123456789012-compute@developer.gserviceaccount.com", "123456789012-compute", "123456789012", GsaKind.ComputeDefault)]
    public void TryParse_ValidEmail_ReturnsAccountProjectAndKind(string value, string account, string project, GsaKind kind)
    {
        Assert.True(GsaEmail.TryParse(value, out var email));
        Assert.Equal((value, account, project, kind), (email.Value, email.AccountId, email.ProjectId, email.Kind));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("app-gsa")]
    [InlineData("app-gsa@acme-prod.iam.gserviceaccount.com ")]
    [InlineData("app-gsa@acme-prod.iam.gserviceaccount.com\n")]
    [InlineData(" app-gsa@acme-prod.iam.gserviceaccount.com")]
    [InlineData("App-Gsa@acme-prod.iam.gserviceaccount.com")]
    [InlineData("app-gsa@PROJECT_ID.iam.gserviceaccount.com")]
    [InlineData("app@acme-prod.iam.gserviceaccount.com")]
    [InlineData("app_gsa@acme-prod.iam.gserviceaccount.com")]
    [InlineData("app-gsa-@acme-prod.iam.gserviceaccount.com")]
    [InlineData("1app-gsa@acme-prod.iam.gserviceaccount.com")]
    [InlineData("app-gsa@acme.iam.gserviceaccount.com")]
    [InlineData("app-gsa@gserviceaccount.com")]
    [InlineData("app-gsa@acme-prod.iam.gserviceaccount.co")]
    [InlineData("app-gsa@developer.gserviceaccount.com")]
    [InlineData("12345-compute@developer.gserviceaccount.com")]
    [InlineData("alice@example.com")]
    public void TryParse_AnythingGkeCannotUseAsWritten_IsRejected(string? value)
    {
        Assert.False(GsaEmail.TryParse(value, out _));
    }

    [Theory]
    [InlineData("app-gsa", "acme-prod", "app-gsa@acme-prod.iam.gserviceaccount.com")]
    [InlineData("app-gsa", "example.com:acme-prod", "app-gsa@acme-prod.example.com.iam.gserviceaccount.com")]
    public void For_AccountAndProject_BuildsTheUserManagedEmail(string account, string project, string expected)
    {
        Assert.Equal(expected, GsaEmail.For(account, project));
    }
}
