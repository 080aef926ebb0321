using WiGuard.Core.Identity;

namespace WiGuard.Core.Tests.Identity;

public sealed class MemberMatcherTests
{
    private const string Pool = "acme-prod.svc.id.goog";
    private const string Number = "123456789012";
    private const string Federated = "iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-prod.svc.id.goog";

    private static readonly KsaIdentity AppKsa = new(Pool, Number, "apps", "app-ksa", "3f1c9a52-7d0e-4c55-9b7e-0a6f3e1d2c11");

    [Theory]
    [InlineData("serviceAccount:acme-prod.svc.id.goog[apps/app-ksa]")]
    [InlineData("principal://" + Federated + "/subject/ns/apps/sa/app-ksa")]
    [InlineData("principal://" + Federated + "/kubernetes.serviceaccount.uid/3f1c9a52-7d0e-4c55-9b7e-0a6f3e1d2c11")]
    [InlineData("principalSet://" + Federated + "/namespace/apps")]
    [InlineData("principalSet://" + Federated + "/kubernetes.cluster/https://container.googleapis.com/v1/projects/acme-prod/locations/europe-west1/clusters/prod-1")]
    [InlineData("principalSet://" + Federated + "/*")]
    public void Judge_EveryGkeMemberFormForThisKsa_Grants(string member)
    {
        Assert.Equal(MemberRelation.Grants, MemberMatcher.Judge(AppKsa, member).Relation);
    }

    [Theory]
    [InlineData("serviceAccount:acme-prod.svc.id.goog[staging/app-ksa]", MemberRelation.OtherNamespace, "staging")]
    [InlineData("serviceAccount:acme-prod.svc.id.goog[Apps/app-ksa]", MemberRelation.OtherNamespace, "Apps")]
    [InlineData("principal://" + Federated + "/subject/ns/staging/sa/app-ksa", MemberRelation.OtherNamespace, "staging")]
    [InlineData("serviceAccount:acme-prod.svc.id.goog[apps/api-ksa]", MemberRelation.OtherServiceAccount, "api-ksa")]
    [InlineData("serviceAccount:acme-dev.svc.id.goog[apps/app-ksa]", MemberRelation.OtherPool, "acme-dev.svc.id.goog")]
    [InlineData("principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-shared.svc.id.goog/subject/ns/apps/sa/app-ksa", MemberRelation.OtherPool, "acme-shared.svc.id.goog")]
    [InlineData("principal://iam.googleapis.com/projects/987654321098/locations/global/workloadIdentityPools/acme-prod.svc.id.goog/subject/ns/apps/sa/app-ksa", MemberRelation.WrongProjectNumber, "987654321098")]
    [InlineData("principalSet://iam.googleapis.com/projects/987654321098/locations/global/workloadIdentityPools/acme-prod.svc.id.goog/namespace/apps", MemberRelation.WrongProjectNumber, "987654321098")]
    [InlineData("principal://iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/acme-prod.svc.id.goog/subject/ns/apps/sa/app-ksa", MemberRelation.Placeholder, "PROJECT_NUMBER")]
    [InlineData("serviceAccount:PROJECT_ID.svc.id.goog[apps/app-ksa]", MemberRelation.Placeholder, "PROJECT_ID")]
    [InlineData("principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/${PROJECT_ID}.svc.id.goog/subject/ns/apps/sa/app-ksa", MemberRelation.Placeholder, "${PROJECT_ID}")]
    public void Judge_MemberMeantForThisKsa_ReportsNearMissWithItsDetail(string member, MemberRelation expected, string detail)
    {
        var verdict = MemberMatcher.Judge(AppKsa, member);

        Assert.Equal(expected, verdict.Relation);
        Assert.Equal(detail, verdict.Detail);
        Assert.True(verdict.IsNearMiss);
    }

    [Theory]
    [InlineData("user:alice@acme.example")]
    [InlineData("group:platform@acme.example")]
    [InlineData("serviceAccount:app-gsa@acme-prod.iam.gserviceaccount.com")]
    [InlineData("serviceAccount:acme-dev.svc.id.goog[staging/app-ksa]")]
    [InlineData("serviceAccount:acme-prod.svc.id.goog[billing/payments]")]
    [InlineData("principalSet://" + Federated + "/namespace/staging")]
    [InlineData("principal://" + Federated + "/kubernetes.serviceaccount.uid/00000000-0000-0000-0000-000000000000")]
    [InlineData("principal://iam.googleapis.com/projects/987654321098/locations/global/workloadIdentityPools/acme-prod.svc.id.goog/subject/ns/staging/sa/app-ksa")]
    [InlineData("principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github-pool/attribute.repository/acme/app")]
    [InlineData("deleted:serviceAccount:old-gsa@acme-prod.iam.gserviceaccount.com?uid=123456789012345678901")]
    public void Judge_MemberForSomeoneElse_IsUnrelated(string member)
    {
        Assert.Equal(MemberRelation.Unrelated, MemberMatcher.Judge(AppKsa, member).Relation);
    }

    [Fact]
    public void Judge_UidMemberBeforeTheKsaHasAUid_DoesNotGrant()
    {
        var ksa = AppKsa with { Uid = null };

        var verdict = MemberMatcher.Judge(ksa, "principal://" + Federated + "/kubernetes.serviceaccount.uid/3f1c9a52-7d0e-4c55-9b7e-0a6f3e1d2c11");

        Assert.Equal(MemberRelation.Unrelated, verdict.Relation);
    }

    [Fact]
    public void Judge_ProjectNumberUnknown_AcceptsAnyNumberButStillCatchesThePlaceholder()
    {
        var ksa = AppKsa with { ProjectNumber = null };

        Assert.Equal(MemberRelation.Grants, MemberMatcher.Judge(ksa, "principal://iam.googleapis.com/projects/555555555555/locations/global/workloadIdentityPools/acme-prod.svc.id.goog/subject/ns/apps/sa/app-ksa").Relation);
        Assert.Equal(MemberRelation.Placeholder, MemberMatcher.Judge(ksa, "principal://iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/acme-prod.svc.id.goog/subject/ns/apps/sa/app-ksa").Relation);
    }

    [Fact]
    public void Judge_FleetPoolConfigured_MatchesTheFleetPoolNotTheGsaProject()
    {
        var fleet = new KsaIdentity("acme-fleet-host.svc.id.goog", "222222222222", "apps", "app-ksa");

        Assert.Equal(MemberRelation.Grants, MemberMatcher.Judge(fleet, "serviceAccount:acme-fleet-host.svc.id.goog[apps/app-ksa]").Relation);
        Assert.Equal(MemberRelation.OtherPool, MemberMatcher.Judge(fleet, "serviceAccount:acme-prod.svc.id.goog[apps/app-ksa]").Relation);
    }

    [Fact]
    public void SubjectMember_BuildsTheDirectModelPrincipal()
    {
        Assert.Equal(
            "principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-prod.svc.id.goog/subject/ns/apps/sa/app-ksa",
            AppKsa.SubjectMember);
        Assert.Equal("serviceAccount:acme-prod.svc.id.goog[apps/app-ksa]", AppKsa.LegacyMember);
    }

    [Theory]
    [InlineData("serviceAccount:PROJECT_ID.svc.id.goog[apps/app-ksa]", "serviceAccount:acme-prod.svc.id.goog[apps/app-ksa]")]
    [InlineData("principalSet://iam.googleapis.com/projects/987654321098/locations/global/workloadIdentityPools/acme-prod.svc.id.goog/kubernetes.cluster/https://container.googleapis.com/v1/projects/acme-prod/locations/europe-west1/clusters/prod-1",
        "principalSet://" + Federated + "/kubernetes.cluster/https://container.googleapis.com/v1/projects/acme-prod/locations/europe-west1/clusters/prod-1")]
    [InlineData("principalSet://iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/acme-prod.svc.id.goog/*", "principalSet://" + Federated + "/*")]
    [InlineData("principal://iam.googleapis.com/projects/987654321098/locations/global/workloadIdentityPools/acme-dev.svc.id.goog/subject/ns/apps/sa/app-ksa", "principal://" + Federated + "/subject/ns/apps/sa/app-ksa")]
    public void With_CorrectPoolAndNumber_KeepsTheMemberForm(string member, string expected)
    {
        Assert.True(WorkloadMember.TryParse(member, out var parsed));

        Assert.Equal(expected, parsed.With(Pool, Number));
    }
}
