namespace WiGuard.Tls;

/// <summary><c>WiGuard:Tls</c>: PEM files, reloaded when they change; none means a generated self-signed certificate.</summary>
public sealed class TlsOptions
{
    public const string Section = "WiGuard:Tls";

    public string? CertPath { get; set; }
    public string? KeyPath { get; set; }
}
