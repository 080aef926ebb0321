namespace WiGuard.Check.Input;

/// <summary>Where an object came from: a file (or <c>&lt;stdin&gt;</c>) and the 1-based line it starts on.</summary>
public sealed record SourceLocation(string File, int Line)
{
    public const string StdinName = "<stdin>";

    public override string ToString() => $"{File}:{Line}";
}
