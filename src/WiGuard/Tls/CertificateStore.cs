using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WiGuard.Tls;

/// <summary>
/// Holds the serving certificate. Kestrel asks for it on every handshake; when PEM files are
/// configured their contents are checked at most every few seconds and a changed pair is
/// loaded, so a certificate rotated in place (cert-manager, a Secret volume) is served without
/// a restart. A half-written pair keeps the previous certificate.
/// </summary>
public sealed partial class CertificateStore : IDisposable
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(2);

    private readonly TlsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CertificateStore> _logger;
    private readonly Lock _gate = new();
    private X509Certificate2 _current;
    private string _stamps = "";
    private DateTimeOffset _lastCheck;
    private string? _lastError;

    public CertificateStore(IOptions<TlsOptions> options, TimeProvider time, ILogger<CertificateStore> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _lastCheck = time.GetUtcNow();

        if (FromFiles)
        {
            _stamps = Stamps();
            _current = LoadPem() ?? throw new Hosting.StartupException(
                $"cannot load the TLS certificate from WiGuard:Tls:CertPath={_options.CertPath} and KeyPath={_options.KeyPath}: {_lastError}");
            Announce(_current);
        }
        else
        {
            _current = SelfSignedCertificate.Create(time);
            if (_logger.IsEnabled(LogLevel.Warning)) LogGenerated(_logger, Fingerprint(_current));
        }
    }

    private bool FromFiles => !string.IsNullOrEmpty(_options.CertPath);

    public X509Certificate2 Current
    {
        get
        {
            if (FromFiles && _time.GetUtcNow() - _lastCheck >= CheckInterval) ReloadIfChanged();
            return _current;
        }
    }

    public static string Fingerprint(X509Certificate2 certificate) =>
        Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));

    public void Dispose() => _current.Dispose();

    private void ReloadIfChanged()
    {
        lock (_gate)
        {
            if (_time.GetUtcNow() - _lastCheck < CheckInterval) return;
            _lastCheck = _time.GetUtcNow();
            var stamps = Stamps();
            if (stamps == _stamps) return;

            var loaded = LoadPem();
            if (loaded is null)
            {
                LogReloadFailed(_logger, _options.CertPath!, _lastError ?? "unknown error");
                return;
            }

            _stamps = stamps;
            _current = loaded;
            Announce(loaded);
        }
    }

    private void Announce(X509Certificate2 certificate)
    {
        var fingerprint = Fingerprint(certificate);
        var notAfter = certificate.NotAfter;
        LogLoaded(_logger, _options.CertPath!, fingerprint, notAfter);
    }

    // Content, not timestamps: a Secret volume swaps a symlink, which leaves the file times of the link unchanged.
    private string Stamps()
    {
        try
        {
            return Convert.ToHexString(SHA256.HashData([.. File.ReadAllBytes(_options.CertPath!), .. File.ReadAllBytes(KeyPath)]));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return _stamps;
        }
    }

    private string KeyPath => string.IsNullOrEmpty(_options.KeyPath) ? _options.CertPath! : _options.KeyPath;

    private X509Certificate2? LoadPem()
    {
        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(_options.CertPath!, KeyPath);
            _lastError = null;
            return certificate;
        }
        catch (Exception ex) when (ex is IOException or CryptographicException or UnauthorizedAccessException or ArgumentException)
        {
            _lastError = ex.Message;
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving TLS certificate from {CertPath}, SHA-256 {Fingerprint}, valid until {NotAfter:o}")]
    private static partial void LogLoaded(ILogger logger, string certPath, string fingerprint, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No WiGuard:Tls:CertPath configured: serving a generated self-signed certificate for localhost/127.0.0.1, SHA-256 {Fingerprint}")]
    private static partial void LogGenerated(ILogger logger, string fingerprint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TLS certificate at {CertPath} changed but could not be loaded ({Problem}); still serving the previous one")]
    private static partial void LogReloadFailed(ILogger logger, string certPath, string problem);
}
