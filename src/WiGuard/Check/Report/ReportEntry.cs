using WiGuard.Check.Input;
using WiGuard.Core.Evaluation;
using WiGuard.Core.Kubernetes;

namespace WiGuard.Check.Report;

/// <summary>One evaluated object: where it was written (null for objects read from a cluster), what it is, the verdict.</summary>
public sealed record ReportEntry(SourceLocation? Location, ReviewedObject Subject, Decision Decision);
