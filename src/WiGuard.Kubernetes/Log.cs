using Microsoft.Extensions.Logging;

namespace WiGuard.Kubernetes;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Kubernetes API {Server} via {Source}")]
    public static partial void Connecting(ILogger logger, Uri server, string source);

    [LoggerMessage(2, LogLevel.Warning, "Kubernetes API {Server}: insecure-skip-tls-verify is set in {Source}; the server's identity is not checked")]
    public static partial void SkipTlsVerify(ILogger logger, Uri server, string source);

    [LoggerMessage(3, LogLevel.Information, "No Kubernetes cluster configured (set WiGuard:Kubernetes:Kubeconfig or run in a pod): pods are checked without their KSA")]
    public static partial void NoCluster(ILogger logger);

    [LoggerMessage(4, LogLevel.Error, "Kubernetes configuration cannot be used: {Problem}")]
    public static partial void BrokenConfiguration(ILogger logger, string problem);

    [LoggerMessage(5, LogLevel.Information, "Kubernetes cache {Resource} synced: {Count} objects at resourceVersion {ResourceVersion}")]
    public static partial void Synced(ILogger logger, string resource, int count, string resourceVersion);

    [LoggerMessage(6, LogLevel.Warning, "Kubernetes cache {Resource}: {Problem}; retrying in {Delay}")]
    public static partial void Failed(ILogger logger, string resource, string problem, TimeSpan delay);

    [LoggerMessage(7, LogLevel.Information, "Kubernetes cache {Resource}: resourceVersion expired (410 Gone), listing again")]
    public static partial void Relisting(ILogger logger, string resource);

    [LoggerMessage(8, LogLevel.Warning, "Kubernetes cache {Resource}: skipped {Name}: {Problem}")]
    public static partial void SkippedObject(ILogger logger, string resource, string name, string problem);
}
