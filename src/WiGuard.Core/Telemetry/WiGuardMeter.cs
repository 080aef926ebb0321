using System.Diagnostics.Metrics;

namespace WiGuard.Core.Telemetry;

/// <summary>The one Meter every WiGuard component records on; /metrics exports it.</summary>
public static class WiGuardMeter
{
    public const string Name = "WiGuard";

    public static readonly Meter Instance = new(Name);
}
