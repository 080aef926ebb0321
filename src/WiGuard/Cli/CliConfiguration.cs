using System.Collections;

namespace WiGuard.Cli;

/// <summary>
/// Configuration for the command-line verbs, from the same sources as <c>wiguard serve</c>: environment
/// (<c>WiGuard__X__Y</c>), then <c>--WiGuard:X:Y=value</c> arguments, then the verb's own flags.
/// </summary>
public static class CliConfiguration
{
    public const string Prefix = "--WiGuard:";

    public static IConfiguration Build(CliContext context, IEnumerable<string> configArguments, IEnumerable<KeyValuePair<string, string?>> flags)
    {
        var builder = new ConfigurationBuilder();
        var environment = context.Environment ?? ProcessEnvironment();
        builder.AddInMemoryCollection(environment
            .Where(e => e.Key.StartsWith("WiGuard__", StringComparison.OrdinalIgnoreCase))
            .Select(e => new KeyValuePair<string, string?>(e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value)));
        builder.AddCommandLine([.. configArguments]);
        builder.AddInMemoryCollection(flags);
        return builder.Build();
    }

    /// <summary>True for a <c>--WiGuard:X=value</c> argument, which configures instead of being an unknown option.</summary>
    public static bool IsConfigArgument(string token) => token.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && token.Contains('=', StringComparison.Ordinal);

    private static Dictionary<string, string?> ProcessEnvironment()
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            result[(string)entry.Key] = entry.Value as string;
        return result;
    }
}
