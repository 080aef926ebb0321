using WiGuard.Core.Rules.ServiceAccounts;

namespace WiGuard.Core.Tests.Rules;

public sealed class AnnotationKeyNearMissTests
{
    [Theory]
    [InlineData("account", "account", 0)]
    [InlineData("acount", "account", 1)]
    [InlineData("accuont", "account", 1)]
    [InlineData("accountt", "account", 1)]
    [InlineData("acconut", "account", 1)]
    [InlineData("acnuot", "account", 3)]
    [InlineData("", "abc", 3)]
    public void Distance_CountsATranspositionAsOneEdit(string a, string b, int expected)
    {
        Assert.Equal(expected, AnnotationKeyNearMiss.Distance(a, b));
    }

    [Fact]
    public void Distance_FarApartLengths_IsTooFarWithoutComputing()
    {
        Assert.True(AnnotationKeyNearMiss.Distance("a", "gcpserviceaccount") > 2);
    }

    [Theory]
    [InlineData("IAM.GKE.IO/gcp_service-account", "iamgkeiogcpserviceaccount")]
    [InlineData("iam.gke.io/gcp-service-account", "iamgkeiogcpserviceaccount")]
    public void Fold_DropsCaseAndSeparators(string key, string expected)
    {
        Assert.Equal(expected, AnnotationKeyNearMiss.Fold(key));
    }
}
