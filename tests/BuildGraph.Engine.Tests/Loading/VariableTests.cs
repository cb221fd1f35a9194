using BuildGraph.Yaml;
using static BuildGraph.Engine.Tests.Loading.LoadAssert;

namespace BuildGraph.Engine.Tests.Loading;

/// <summary>
/// Variables through the layers of a loaded project (format.md §1.1, §3.1, §4); after BuildStream's
/// tests/format/variables.py.
/// </summary>
public class VariableTests : IDisposable
{
    private readonly TestProject _project = TestProject.Copy("variables");

    public void Dispose() => _project.Dispose();

    [Theory]
    [InlineData("prefix", "/usr")]
    [InlineData("exec_prefix", "/usr")]
    [InlineData("bindir", "/usr/bin")]
    [InlineData("sbindir", "/usr/sbin")]
    [InlineData("libexecdir", "/usr/libexec")]
    [InlineData("datadir", "/usr/share")]
    [InlineData("sysconfdir", "/etc")]
    [InlineData("localstatedir", "/var")]
    [InlineData("sharedstatedir", "/usr/com")]
    [InlineData("includedir", "/usr/include")]
    [InlineData("lib", "lib")]
    [InlineData("libdir", "/usr/lib")]
    [InlineData("debugdir", "/usr/lib/debug")]
    [InlineData("docdir", "/usr/share/doc")]
    [InlineData("infodir", "/usr/share/info")]
    [InlineData("mandir", "/usr/share/man")]
    [InlineData("build-root", "/buildstream/vars/defaults.bst")]
    [InlineData("conf-root", ".")]
    [InlineData("install-root", "/buildstream-install")]
    [InlineData("strip-binaries", "")]
    [InlineData("project-name", "vars")]
    [InlineData("max-jobs", "4")]
    [InlineData("element-name", "defaults.bst")]
    [InlineData("project-var", "/usr/project")]
    public void BuiltinAndProjectVariables_ManualElement_HaveDefaults(string name, string expected) =>
        Assert.Equal(expected, _project.Element("defaults.bst").ResolvedVariable(name));

    [Fact]
    public void Variables_ManualElement_EndWithProtectedVariablesInShowOrder()
    {
        var keys = _project.Element("defaults.bst").VariablesNode().Keys.ToList();

        Assert.Equal(["install-root", "strip-binaries", "project-var", "make-args", "make-install-args", "project-name", "max-jobs", "element-name"],
            keys.Skip(keys.IndexOf("install-root")));
    }

    [Fact]
    public void ElementName_InSubdirectory_IsPathUnderElementPath()
    {
        var element = _project.Element("sub/nested-name.bst");

        Assert.Equal("sub/nested-name.bst", element.ResolvedVariable("element-name"));
        Assert.Equal("/buildstream/vars/sub/nested-name.bst", element.ResolvedVariable("build-root"));
    }

    [Fact]
    public void KindDefaults_Make_ExpandIntoCommandsAndEnvironment()
    {
        var element = _project.Element("make.bst");

        Assert.Equal("PREFIX=\"/usr\"", element.ResolvedVariable("make-args"));
        Assert.Equal(["make PREFIX=\"/usr\""], Commands(element, "build-commands"));
        Assert.Equal("-j4", Env(element, "MAKEFLAGS"));
        Assert.Equal("1", Env(element, "V"));
    }

    [Fact]
    public void ProjectElementsOverride_KindVariable_BeatsKindDefault()
    {
        var element = _project.Element("make.bst");

        Assert.Equal("DESTDIR=\"/buildstream-install\" install-from-project", element.ResolvedVariable("make-install-args"));
        Assert.Equal(["make -j1 DESTDIR=\"/buildstream-install\" install-from-project"], Commands(element, "install-commands"));
    }

    [Fact]
    public void ProjectTopLevelVariable_AlsoSetByKindDefaults_LosesToKind()
    {
        var autotools = _project.Element("autotools.bst");

        Assert.Equal("", autotools.ResolvedVariable("make-args"));
        Assert.DoesNotContain("project-top-level", autotools.ResolvedVariable("make-install-args"));
        Assert.Equal("from-project-top-level", _project.Element("defaults.bst").ResolvedVariable("make-args"));
    }

    [Fact]
    public void ElementOverride_OfReferencedVariable_ChangesEverythingReferringToIt()
    {
        var element = _project.Element("make-override.bst");

        Assert.Equal("/opt/bin", element.ResolvedVariable("bindir"));
        Assert.Equal("/opt/project", element.ResolvedVariable("project-var"));
        Assert.Equal(["make -k"], Commands(element, "build-commands"));
    }

    [Fact]
    public void PublicData_WithVariables_IsExpanded()
    {
        var element = _project.Element("public-expanded.bst");

        var bst = Assert.IsType<MappingNode>(element.Public["bst"]);
        Assert.Equal(["ldconfig /usr/lib"], Assert.IsType<SequenceNode>(bst["integration-commands"]).AsStrings());
        Assert.Equal("/usr/bin/tool", Assert.IsType<MappingNode>(element.Public["custom"]).GetString("where"));
    }

    [Fact]
    public void NotParallel_True_ForcesMaxJobsOneForThatElementOnly()
    {
        var graph = _project.Load("parallel.bst");

        var notParallel = graph.Find("notparallel.bst")!;
        Assert.Equal("1", notParallel.ResolvedVariable("max-jobs"));
        Assert.Equal("-j1", Env(notParallel, "MAKEFLAGS"));
        var parallel = graph.Find("parallel.bst")!;
        Assert.Equal("4", parallel.ResolvedVariable("max-jobs"));
        Assert.Equal("-j4", Env(parallel, "MAKEFLAGS"));
    }

    [Fact]
    public void Undefined_InBuildCommand_ThrowsUnresolvedVariableAtCommand() =>
        Fails(ErrorReason.UnresolvedVariable, "elements/undefined-command.bst", 5, 5, () => _project.Load("undefined-command.bst"));

    [Fact]
    public void Undefined_InUnusedVariable_ThrowsUnresolvedVariableAtVariable() =>
        Fails(ErrorReason.UnresolvedVariable, "elements/undefined-variable.bst", 4, 11, () => _project.Load("undefined-variable.bst"));

    [Fact]
    public void Undefined_ThroughChainOfVariables_ThrowsUnresolvedVariableAtInnermostReference() =>
        Fails(ErrorReason.UnresolvedVariable, "elements/undefined-indirect.bst", 5, 11, () => _project.Load("undefined-indirect.bst"));

    [Fact]
    public void Cycle_TwoVariables_ThrowsCircularReferenceVariableInElement()
    {
        var e = Fails(ErrorReason.CircularReferenceVariable, () => _project.Load("cycle.bst"));

        Assert.Equal("elements/cycle.bst", e.Provenance!.Value.File);
        Assert.Contains(e.Provenance!.Value.Line, new[] { 3, 4 });
    }

    [Fact]
    public void Cycle_SelfReference_ThrowsCircularReferenceVariableAtVariable() =>
        Fails(ErrorReason.CircularReferenceVariable, "elements/self-reference.bst", 3, 9, () => _project.Load("self-reference.bst"));

    [Theory]
    [InlineData("project-name")]
    [InlineData("element-name")]
    [InlineData("max-jobs")]
    public void ProtectedVariable_InElement_ThrowsProtectedVariableRedefinedAtKey(string name)
    {
        _project.Write("elements/protected.bst", $"kind: manual\nvariables:\n  {name}: some-value\n");

        Fails(ErrorReason.ProtectedVariableRedefined, "elements/protected.bst", 3, 3, () => _project.Load("protected.bst"));
    }

    [Theory]
    [InlineData("project-name")]
    [InlineData("element-name")]
    [InlineData("max-jobs")]
    public void ProtectedVariable_InProjectConf_ThrowsProtectedVariableRedefinedAtKey(string name)
    {
        _project.Write("project.conf", $"name: vars\nmin-version: 2.0\nelement-path: elements\nvariables:\n  {name}: some-value\n");

        Fails(ErrorReason.ProtectedVariableRedefined, "project.conf", 5, 3, () => _project.Load("defaults.bst"));
    }

    [Theory]
    [InlineData("project-name")]
    [InlineData("element-name")]
    [InlineData("max-jobs")]
    public void ProtectedVariable_InProjectKindOverride_ThrowsProtectedVariableRedefinedAtKey(string name)
    {
        _project.Write("project.conf",
            $"name: vars\nmin-version: 2.0\nelement-path: elements\nelements:\n  manual:\n    variables:\n      {name}: some-value\n");

        Fails(ErrorReason.ProtectedVariableRedefined, "project.conf", 7, 7, () => _project.Load("defaults.bst"));
    }
}
