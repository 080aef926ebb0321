namespace WiGuard.Core.Facts;

/// <summary>An IAM policy as Google returns it (the parts WiGuard reads).</summary>
public sealed record IamPolicy(int Version, string? Etag, IReadOnlyList<IamBinding> Bindings)
{
    public static readonly IamPolicy Empty = new(1, null, []);
}

public sealed record IamBinding(string Role, IReadOnlyList<string> Members, IamCondition? Condition);

public sealed record IamCondition(string? Title, string? Expression, string? Description);
