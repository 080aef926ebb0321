namespace WiGuard.Chart.Tests.Support;

internal sealed record ProcessResult(int ExitCode, string StdOut, string StdErr)
{
    public bool Succeeded => ExitCode == 0;

    public override string ToString() => $"exit {ExitCode}\nstderr:\n{StdErr}\nstdout:\n{StdOut}";
}
