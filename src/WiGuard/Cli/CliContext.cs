using WiGuard.Check;
using WiGuard.Core.Evaluation;
using WiGuard.Core.Facts;

namespace WiGuard.Cli;

/// <summary>
/// What the command-line verbs read and write besides their arguments, so they run in-process in
/// tests exactly as they run from a shell.
/// </summary>
public sealed class CliContext
{
    public TextReader In { get; init; } = Console.In;

    public TextWriter Out { get; init; } = Console.Out;

    public TextWriter Error { get; init; } = Console.Error;

    /// <summary>Environment variables (<c>WiGuard__X__Y</c>); null reads the process environment.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>Builds IAM facts from configuration; null from it means "no IAM source available".</summary>
    public Func<IConfiguration, IIamFacts?> IamFacts { get; init; } = IamFactsFactory.Create;

    /// <summary>The rules to run; the full catalogue unless a test supplies others.</summary>
    public Evaluator Evaluator { get; init; } = new();
}
