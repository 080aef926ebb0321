namespace WiGuard.Cli;

public static class ExitCodes
{
    /// <summary>Nothing at deny level (or the server stopped cleanly).</summary>
    public const int Ok = 0;

    /// <summary>Deny-level findings.</summary>
    public const int Findings = 1;

    /// <summary>Usage, configuration or input error.</summary>
    public const int UsageError = 2;
}
