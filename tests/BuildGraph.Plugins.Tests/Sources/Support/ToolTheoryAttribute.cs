namespace BuildGraph.Plugins.Tests.Sources.Support;

/// <summary>A theory that needs host tools; skips when one is not on PATH.</summary>
internal sealed class ToolTheoryAttribute : TheoryAttribute
{
    public ToolTheoryAttribute(params string[] tools)
    {
        var missing = tools.Where(t => !ToolFactAttribute.OnPath(t)).ToList();
        if (missing.Count > 0)
            Skip = $"needs {string.Join(", ", missing)} on PATH";
    }
}
