namespace WiGuard.Core.Network;

/// <summary>Reads cilium-config flag values the way the agent does (Go's strconv.ParseBool).</summary>
public static class GoBool
{
    /// <summary>True, false, or null when the value is absent or not a boolean (the agent then keeps its default).</summary>
    public static bool? Parse(string? value) => value?.Trim() switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => null,
    };
}
