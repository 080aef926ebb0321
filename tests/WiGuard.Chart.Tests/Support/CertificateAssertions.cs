using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WiGuard.Chart.Tests.Support;

internal static class CertificateAssertions
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>What the API server checks before it calls the webhook: chain, name and purpose.</summary>
    public static void AssertServes(X509Certificate2 served, X509Certificate2 ca, string dnsName)
    {
        Assert.True(served.MatchesHostname(dnsName), $"{served.Subject} does not cover {dnsName}");
        Assert.Contains(ServerAuthOid, served.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single()
            .EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value));
        AssertChainsTo(served, ca);
    }

    public static void AssertChainsTo(X509Certificate2 leaf, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(leaf), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }
}
