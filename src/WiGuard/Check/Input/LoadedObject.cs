using WiGuard.Core.Kubernetes;

namespace WiGuard.Check.Input;

/// <summary>An object to evaluate and where it was written.</summary>
public sealed record LoadedObject(SourceLocation Location, ReviewedObject Subject);

/// <summary>A document that is not a Kubernetes object, or one WiGuard leaves alone on purpose.</summary>
public sealed record SkippedDocument(SourceLocation Location, string Reason);
