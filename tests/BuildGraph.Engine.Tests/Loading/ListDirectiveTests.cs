using BuildGraph.Yaml;
using static BuildGraph.Engine.Tests.Loading.LoadAssert;

namespace BuildGraph.Engine.Tests.Loading;

/// <summary>
/// (=), (&lt;), (&gt;) over kind defaults, project <c>elements:</c> overrides and element files
/// (format.md §3.2); after BuildStream's tests/format/listdirectiveerrors.py.
/// </summary>
public class ListDirectiveTests : IDisposable
{
    private const string MakeInstall = "make -j1 PREFIX=\"/usr\" DESTDIR=\"/buildstream-install\" install";

    private readonly TestProject _project = TestProject.Copy("listdirectives");

    public void Dispose() => _project.Dispose();

    [Fact]
    public void ProjectOverride_AppendOnKindDefault_AppliesToEveryElementOfKind() =>
        Assert.Equal(["echo project-appended"], Commands(_project.Element("plain.bst"), "install-commands"));

    [Fact]
    public void Append_OverProjectAppend_Stacks() =>
        Assert.Equal(["echo project-appended", "echo element-appended"], Commands(_project.Element("append.bst"), "install-commands"));

    [Fact]
    public void PrependAndAppend_OverProjectAppend_WrapTheList() =>
        Assert.Equal(["echo element-first", "echo project-appended", "echo element-last"],
            Commands(_project.Element("prepend-append.bst"), "install-commands"));

    [Fact]
    public void Replace_OverProjectAppend_ReplacesWholeList() =>
        Assert.Equal(["echo replaced"], Commands(_project.Element("replace.bst"), "install-commands"));

    [Fact]
    public void PrependAndAppend_OnMakeInstallCommands_WrapKindDefault()
    {
        var element = _project.Element("make-append.bst");

        Assert.Equal(["echo before-install", MakeInstall, "echo after-install"], Commands(element, "install-commands"));
        Assert.Equal(["make PREFIX=\"/usr\""], Commands(element, "build-commands"));
    }

    [Fact]
    public void AppendOnAutotoolsConfigure_WithProjectPrepend_KeepsKindDefaultsBetween()
    {
        var element = _project.Element("autotools.bst");

        var commands = Commands(element, "configure-commands");
        Assert.Equal(4, commands.Count);
        Assert.Equal("echo project-prepended", commands[0]);
        Assert.Equal(element.ResolvedVariable("autogen"), commands[1]);
        Assert.Equal(element.ResolvedVariable("configure"), commands[2]);
        Assert.Equal("echo configured", commands[3]);
    }

    [Fact]
    public void Append_OnSplitRulesDomain_ExtendsProjectRules()
    {
        var element = _project.Element("public-append.bst");

        var devel = Assert.IsType<MappingNode>(Assert.IsType<MappingNode>(element.Public["bst"])["split-rules"])["devel"];
        var rules = Assert.IsType<SequenceNode>(devel).AsStrings();
        Assert.Equal("/usr/include", rules[0]);
        Assert.Equal("/usr/share/extra-devel", rules[^1]);
    }

    [Fact]
    public void Append_OnListMakeLacks_ThrowsTrailingListDirectiveAtKey() =>
        Fails(ErrorReason.TrailingListDirective, "elements/make-configure.bst", 3, 3, () => _project.Load("make-configure.bst"));

    [Fact]
    public void Prepend_OnUndefinedVariable_ThrowsTrailingListDirectiveAtKey() =>
        Fails(ErrorReason.TrailingListDirective, "elements/trailing-variable.bst", 3, 3, () => _project.Load("trailing-variable.bst"));

    [Fact]
    public void Append_OnMissingPublicList_ThrowsTrailingListDirectiveAtKey() =>
        Fails(ErrorReason.TrailingListDirective, "elements/trailing-public.bst", 4, 5, () => _project.Load("trailing-public.bst"));

    [Fact]
    public void Replace_OnEnvironmentVariable_ThrowsTrailingListDirectiveAtKey() =>
        Fails(ErrorReason.TrailingListDirective, "elements/trailing-environment.bst", 3, 3, () => _project.Load("trailing-environment.bst"));

    [Fact]
    public void ProjectOverride_AppendOnListKindLacks_ThrowsTrailingListDirectiveInProjectConf()
    {
        _project.Replace("project.conf", "  autotools:", "  make:\n    config:\n      configure-commands:\n        (>):\n        - ./configure\n  autotools:");

        Fails(ErrorReason.TrailingListDirective, "project.conf", 18, 7, () => _project.Load("make-append.bst"));
    }

    [Fact]
    public void ProjectVariable_DirectiveWithoutList_ThrowsTrailingListDirectiveInProjectConf()
    {
        _project.Write("project.conf", "name: listdirectives\nmin-version: 2.0\nelement-path: elements\nvariables:\n  flags:\n    (>):\n    - -g\n");

        Fails(ErrorReason.TrailingListDirective, "project.conf", 5, 3, () => _project.Load("plain.bst"));
    }

    [Fact]
    public void Directive_MixedWithOtherKeys_ThrowsIllegalComposite() =>
        Fails(ErrorReason.IllegalComposite, "elements/mixed.bst", 4, 5, () => _project.Load("mixed.bst"));

    [Fact]
    public void Directive_FollowedByString_ThrowsIllegalComposite() =>
        Fails(ErrorReason.IllegalComposite, "elements/not-a-list.bst", 4, 10, () => _project.Load("not-a-list.bst"));
}
