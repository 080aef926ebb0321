using System.Text.Json.Nodes;

namespace WiGuard.Check.Input;

/// <summary>One YAML or JSON document of an input file, as JSON, with the line it starts on.</summary>
/// <param name="Root">The document's content; null for an empty document (e.g. a lone <c>---</c>).</param>
/// <param name="Line">1-based line of the document's first node in the original file.</param>
/// <param name="ItemLines">For a <c>List</c>: the line of each entry of <c>items</c>, in order.</param>
public sealed record ManifestDocument(JsonNode? Root, int Line, IReadOnlyList<int>? ItemLines = null);
