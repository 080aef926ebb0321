using Microsoft.Extensions.Configuration;
using WiGuard.Cli;
using WiGuard.Core.Evaluation;
using WiGuard.Core.Facts;
using WiGuard.Core.Rules;

namespace WiGuard.Tests.Check;

public sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs the wiguard executable in-process with captured standard streams.</summary>
public sealed class CliHarness
{
    public string Stdin { get; init; } = "";

    public Dictionary<string, string?> Environment { get; init; } = [];

    /// <summary>Null runs the real rule catalogue.</summary>
    public IReadOnlyList<IRule>? Rules { get; init; }

    public Func<IConfiguration, IIamFacts?>? IamFacts { get; init; }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext
        {
            In = new StringReader(Stdin),
            Out = output,
            Error = error,
            Environment = Environment,
            Evaluator = new Evaluator(Rules),
            IamFacts = IamFacts ?? (_ => null),
        };
        var exit = await WiGuardCommand.RunAsync(args, context, CancellationToken.None);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>The repository root, found from the test binaries, for examples/.</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WiGuard.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("WiGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
