using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WiGuard.Chart.Tests.Support;

/// <summary>A CA and a serving certificate as PEM, the way a previous install stored them.</summary>
internal sealed record TestCertificates(string CaPem, string CertPem, string KeyPem)
{
    public static TestCertificates Create(string dnsName)
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=previous-install-ca", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));

        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build());
        using var cert = request.Create(ca, now.AddDays(-1), now.AddYears(1), [1, 2, 3, 4]);

        return new TestCertificates(ca.ExportCertificatePem(), cert.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
