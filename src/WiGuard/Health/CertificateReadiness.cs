using WiGuard.Tls;

namespace WiGuard.Health;

public sealed class CertificateReadiness(CertificateStore store, TimeProvider time) : IReadinessCheck
{
    public string Name => "certificate";

    public string? Problem() =>
        store.Current.NotAfter.ToUniversalTime() < time.GetUtcNow().UtcDateTime ? $"the serving certificate expired at {store.Current.NotAfter:o}" : null;
}
