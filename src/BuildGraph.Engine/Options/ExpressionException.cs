namespace BuildGraph.Engine.Options;

/// <summary>
/// A syntax or evaluation problem inside an expression. <see cref="Expression"/> turns it into a
/// <see cref="BuildGraph.Yaml.LoadException"/> with the expression's provenance; it never escapes.
/// </summary>
internal sealed class ExpressionException(string message) : Exception(message);
