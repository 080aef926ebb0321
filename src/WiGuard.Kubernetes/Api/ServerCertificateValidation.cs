using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace WiGuard.Kubernetes.Api;

/// <summary>Accepts the API server's certificate only when it chains to the configured CA and matches the host name.</summary>
internal static class ServerCertificateValidation
{
    public static RemoteCertificateValidationCallback For(X509Certificate2Collection? authorities, bool skipVerify) =>
        (_, certificate, chain, errors) =>
        {
            if (skipVerify) return true;
            if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
            if (authorities is null) return errors == SslPolicyErrors.None;

            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(authorities);
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (chain is not null)
            {
                foreach (var element in chain.ChainElements)
                    custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }

            var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return custom.Build(leaf);
        };
}
