namespace BuildGraph.Engine.Tests.Loading;

/// <summary>
/// (@) and (?) together (format.md §3.3–3.4); after the conditional-conflicts cases of BuildStream's
/// tests/format/include.py.
/// </summary>
public class IncludeConditionalTests : IDisposable
{
    private readonly TestProject _project = TestProject.Copy("include-conditionals");

    public void Dispose() => _project.Dispose();

    private string Variable(string element, string arch, string name) =>
        _project.Element(element, "", ("build_arch", arch)).ResolvedVariable(name);

    [Theory]
    [InlineData("i586", "4")]
    [InlineData("x86_64", "8")]
    public void ProjectInclude_WithConditionals_ResolvedWithOptionsDeclaredInAnotherInclude(string arch, string size) =>
        Assert.Equal(size, Variable("plain.bst", arch, "size"));

    [Theory]
    [InlineData("i586", "project-conf")]
    [InlineData("x86_64", "included-default")]
    public void ProjectConfConditional_AndIncludedConditional_ProjectConfWins(string arch, string expected) =>
        Assert.Equal(expected, Variable("plain.bst", arch, "work-around"));

    [Theory]
    [InlineData("i586", "from-i586-file")]
    [InlineData("x86_64", "from-x86_64-file")]
    public void IncludeInsideConditionalBranch_OnlyTakenBranchIncludes(string arch, string expected) =>
        Assert.Equal(expected, Variable("plain.bst", arch, "arch-file"));

    [Theory]
    [InlineData("i586", "small")]
    [InlineData("x86_64", "default")]
    public void ElementInclude_WithConditionals_ResolvedWithProjectOptions(string arch, string expected) =>
        Assert.Equal(expected, Variable("element-includes.bst", arch, "element-size"));

    [Theory]
    [InlineData("i586", "included-conditional")]
    [InlineData("x86_64", "element-conditional")]
    public void ElementConditional_AndIncludedConditional_ElementWinsWhenTaken(string arch, string expected) =>
        Assert.Equal(expected, Variable("element-includes.bst", arch, "element-wins"));
}
