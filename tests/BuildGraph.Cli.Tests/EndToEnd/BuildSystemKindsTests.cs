using System.Diagnostics;
using BuildGraph.Cli.Tests.Build;

namespace BuildGraph.Cli.Tests.EndToEnd;

/// <summary>
/// The BuildElement kinds of buildstream-plugins (make, autotools, cmake, meson) run their default commands
/// for real: over the buildsystems fixture's Debian sysroot, one tiny C program per build system is built
/// with nothing but the kind's defaults (and what a real project sets, such as <c>conf-local</c>), checked
/// out, and run inside <c>bgx shell</c>. The four build once, together (<see cref="BuildSystemKindsProject"/>).
/// bgx's own cargo kind builds a dependency-free crate over the rust-world fixture's sysroot the same way.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BuildSystemKindsTests(BuildSystemKindsProject built) : IClassFixture<BuildSystemKindsProject>
{
    [BuildSystemsFact]
    public void Make_BuildsWithPrefixAndInstallsWithDestdir()
    {
        var project = built.Succeeded("hello-make.bst");

        var log = project.Run("artifact", "log", "hello-make.bst").AssertSuccess().Stdout;
        Assert.Contains("# Running build-commands: make PREFIX=\"/usr\"\n", log, StringComparison.Ordinal);
        Assert.Contains("# Running install-commands: make -j1 PREFIX=\"/usr\" DESTDIR=\"/buildstream-install\" install\n", log, StringComparison.Ordinal);
        Assert.DoesNotContain("configure-commands", log, StringComparison.Ordinal);

        var checkout = project.CheckoutBuilt("hello-make.bst");
        Assert.Equal(["usr", "usr/bin", "usr/bin/hello-make"], BuildRuns.ListTree(checkout));
        AssertExecutable(Path.Combine(checkout, "usr/bin/hello-make"));
        Assert.Equal("hello from make (PREFIX=/usr)\n", built.Run("hello-make"));
    }

    [BuildSystemsFact]
    public void Autotools_AutoreconfConfigureMakeInstall_RemovesOnlyTheConfiguredLibtoolArchives()
    {
        var project = built.Succeeded("hello-autotools.bst");

        var log = project.Run("artifact", "log", "hello-autotools.bst").AssertSuccess().Stdout;
        // No configure script in the sources and no autogen.sh: the autogen default falls back to autoreconf.
        Assert.Contains("autoreconf: running: libtoolize", log, StringComparison.Ordinal);
        Assert.Contains("# Running configure-commands: ./configure --prefix=/usr \\\n--exec-prefix=/usr \\\n", log, StringComparison.Ordinal);
        Assert.Contains("--infodir=/usr/share/info  --disable-static\n", log, StringComparison.Ordinal);
        Assert.Contains("Removing /buildstream-install/usr/lib/hello-autotools/greetmod.la", log, StringComparison.Ordinal);

        var checkout = project.CheckoutBuilt("hello-autotools.bst");
        var tree = BuildRuns.ListTree(checkout);
        Assert.Contains("usr/bin/hello-autotools", tree);
        Assert.Contains("usr/include/greet.h", tree);
        Assert.Contains("usr/lib/libgreet.so.0", tree);
        // remove-libtool-modules is set, remove-libtool-libraries is not: only the module's archive goes.
        Assert.Contains("usr/lib/libgreet.la", tree);
        Assert.Contains("usr/lib/hello-autotools/greetmod.so", tree);
        Assert.DoesNotContain("usr/lib/hello-autotools/greetmod.la", tree);
        // conf-local reached configure.
        Assert.DoesNotContain("usr/lib/libgreet.a", tree);
        AssertExecutable(Path.Combine(checkout, "usr/bin/hello-autotools"));
        Assert.Equal("hello from autotools (hello-autotools 1.0)\n", built.Run("hello-autotools"));
    }

    [BuildSystemsFact]
    public void CMake_ConfiguresWithNinjaIntoBuilddirAndInstalls()
    {
        var project = built.Succeeded("hello-cmake.bst");

        var log = project.Run("artifact", "log", "hello-cmake.bst").AssertSuccess().Stdout;
        Assert.Contains("cmake -B_builddir -H\".\" -G\"Ninja\"", log, StringComparison.Ordinal);
        Assert.Contains("# Running build-commands: cmake --build _builddir -- ${JOBS}\n", log, StringComparison.Ordinal);

        var checkout = project.CheckoutBuilt("hello-cmake.bst");
        Assert.Equal(["usr", "usr/bin", "usr/bin/hello-cmake"], BuildRuns.ListTree(checkout));
        AssertExecutable(Path.Combine(checkout, "usr/bin/hello-cmake"));
        Assert.Equal("hello from cmake (Ninja, prefix /usr)\n", built.Run("hello-cmake"));
    }

    [BuildSystemsFact]
    public void Meson_SetupNinjaInstall()
    {
        var project = built.Succeeded("hello-meson.bst");

        var log = project.Run("artifact", "log", "hello-meson.bst").AssertSuccess().Stdout;
        Assert.Contains("# Running configure-commands: meson setup . _builddir --prefix=/usr \\\n", log, StringComparison.Ordinal);
        Assert.Contains("# Running build-commands: ninja -v -j ${JOBS} -C _builddir\n", log, StringComparison.Ordinal);

        var checkout = project.CheckoutBuilt("hello-meson.bst");
        Assert.Equal(["usr", "usr/bin", "usr/bin/hello-meson"], BuildRuns.ListTree(checkout));
        AssertExecutable(Path.Combine(checkout, "usr/bin/hello-meson"));
        Assert.Equal("hello from meson (bindir /usr/bin)\n", built.Run("hello-meson"));
    }

    [RustWorldFact]
    public void Cargo_BuildsOfflineLockedAndInstallsTheExecutablesIntoBindir()
    {
        var project = built.CargoSucceeded();

        var log = project.Run("artifact", "log", "hello-cargo.bst").AssertSuccess().Stdout;
        // %{cargo-opts} is empty: the command keeps its trailing space, as BuildStream would expand it.
        Assert.Contains("# Running build-commands: cargo build --release --locked --offline \n", log, StringComparison.Ordinal);
        Assert.Matches(@"\n +Finished release \[optimized\] target\(s\)", log);

        var checkout = project.CheckoutBuilt("hello-cargo.bst");
        // Only the executable: not hello-cargo.d, deps/, build/ or the other directories of target/release.
        Assert.Equal(["usr", "usr/bin", "usr/bin/hello-cargo"], BuildRuns.ListTree(checkout));
        AssertExecutable(Path.Combine(checkout, "usr/bin/hello-cargo"));
        var run = project.Run("shell", "hello-cargo.bst", "--", "/usr/bin/hello-cargo").AssertSuccess();
        Assert.Equal("hello from cargo (hello-cargo 0.1.0)\n", run.Stdout);
    }

    private static void AssertExecutable(string file)
    {
        Assert.True(File.Exists(file), file + " is missing");
        Assert.True((File.GetUnixFileMode(file) & UnixFileMode.UserExecute) != 0, file + " is not executable");
        // An ELF binary, not a script or a libtool wrapper.
        using var stream = File.OpenRead(file);
        var magic = new byte[4];
        stream.ReadExactly(magic);
        Assert.Equal("\u007fELF"u8.ToArray(), magic);
    }
}

/// <summary>
/// Generates the buildsystems fixture (once per machine) and builds the project of
/// <see cref="BuildSystemKindsTests"/> (once per test class) on first use, so nothing runs when the tests are
/// skipped. A failed generation or build fails every test with its output. The cargo project over the
/// rust-world fixture is built separately, on first use too.
/// </summary>
public sealed class BuildSystemKindsProject : IDisposable
{
    internal static readonly string[] Programs = ["hello-make", "hello-autotools", "hello-cmake", "hello-meson"];

    private readonly Lazy<(TestProject Project, CliResult Build)> _built = new(() => Build(
        () => BuildSystems.GenerateAsync().GetAwaiter().GetResult(),
        project => BuildSystemKindsSources.Write(project, BuildSystems.Sysroot),
        [.. Programs.Select(p => p + ".bst"), "all.bst"]));
    private readonly Lazy<Dictionary<string, string>> _outputs;
    private readonly Lazy<(TestProject Project, CliResult Build)> _cargo = new(() => Build(
        () => RustWorld.GenerateAsync().GetAwaiter().GetResult(),
        project => BuildSystemKindsSources.WriteCargo(project, Path.Combine(RustWorld.Root, "sysroot")),
        ["hello-cargo.bst"]));

    public BuildSystemKindsProject()
    {
        _outputs = new(RunAll);
    }

    /// <summary>The built project, after asserting that <paramref name="element"/> was built.</summary>
    internal TestProject Succeeded(string element) => Succeeded(_built.Value, element);

    /// <summary>The built cargo project, after asserting that hello-cargo.bst was built.</summary>
    internal TestProject CargoSucceeded() => Succeeded(_cargo.Value, "hello-cargo.bst");

    /// <summary>
    /// What <c>/usr/bin/PROGRAM</c> printed inside <c>bgx shell all.bst</c> (one shell runs the four
    /// programs: staging the sysroot for a shell takes seconds); fails unless it exited 0.
    /// </summary>
    internal string Run(string program)
    {
        var (project, build) = _built.Value;
        if (!build.Elements("SUCCESS").Contains("all.bst"))
        {
            // Another element failed, so there is no all.bst: this program runs in a shell of its own.
            var alone = project.Run("shell", program + ".bst", "--", "/usr/bin/" + program).AssertSuccess();
            return alone.Stdout;
        }
        var outputs = _outputs.Value;
        Assert.True(outputs.ContainsKey(program), $"{program} did not run: {string.Join(", ", outputs.Keys)}");
        return outputs[program];
    }

    private Dictionary<string, string> RunAll()
    {
        var project = _built.Value.Project;
        var script = "for p in " + string.Join(' ', Programs) + "; do echo \"== $p\"; \"/usr/bin/$p\"; echo \"== exit $?\"; done";
        var shell = project.Run("shell", "all.bst", "--", "sh", "-c", script).AssertSuccess();
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var text = new System.Text.StringBuilder();
        foreach (var line in shell.Lines)
        {
            if (line.StartsWith("== exit ", StringComparison.Ordinal))
            {
                Assert.True(line == "== exit 0", $"{current} failed ({line}):\n{text}");
                outputs[current!] = text.ToString();
                current = null;
            }
            else if (current is null && line.StartsWith("== ", StringComparison.Ordinal))
            {
                current = line[3..];
                text.Clear();
            }
            else
            {
                text.Append(line).Append('\n');
            }
        }
        return outputs;
    }

    private static TestProject Succeeded((TestProject Project, CliResult Build) built, string element)
    {
        var (project, build) = built;
        Assert.True(build.Elements("SUCCESS").Contains(element),
            $"{element} did not build (bgx exited {build.ExitCode})\nstdout:\n{build.Stdout}\nstderr:\n{build.Stderr}\n" +
            $"log:\n{project.Run("artifact", "log", element).Stdout}");
        return project;
    }

    private static (TestProject, CliResult) Build(Action generate, Action<TestProject> write, string[] targets)
    {
        generate();
        var project = TestProject.Empty();
        try
        {
            write(project);
            var clock = Stopwatch.StartNew();
            var build = project.Run(["build", "--on-error", "continue", .. targets]);
            Console.WriteLine($"BuildSystemKindsTests: bgx build {string.Join(' ', targets)} took {clock.Elapsed.TotalSeconds:F1} s");
            return (project, build);
        }
        catch
        {
            Dispose(project);
            throw;
        }
    }

    public void Dispose()
    {
        if (_built.IsValueCreated)
            Dispose(_built.Value.Project);
        if (_cargo.IsValueCreated)
            Dispose(_cargo.Value.Project);
    }

    private static void Dispose(TestProject project)
    {
        // Only the link: never let a recursive delete reach the shared sysroot.
        var link = Path.Combine(project.Directory, "sysroot");
        if (new FileInfo(link).LinkTarget is not null)
            File.Delete(link);
        project.Dispose();
    }
}

/// <summary>The project: base.bst imports the fixture's sysroot; one element and one C program per build system.</summary>
internal static class BuildSystemKindsSources
{
    public static void Write(TestProject project, string sysroot)
    {
        File.CreateSymbolicLink(Path.Combine(project.Directory, "sysroot"), sysroot);
        project.Write("project.conf", """
            name: buildsystems
            min-version: 2.0
            element-path: elements

            plugins:
            - origin: pip
              package-name: buildstream-plugins
              elements:
              - make
              - autotools
              - cmake
              - meson

            """);
        project.Write("elements/base.bst", """
            kind: import
            description: Debian minbase with make, gcc, autotools, libtool, pkg-config, cmake, ninja and meson

            sources:
            - kind: local
              path: sysroot

            """);

        project.Write("elements/all.bst", """
            kind: stack
            description: the four programs, for one bgx shell that runs them all

            depends:
            - hello-make.bst
            - hello-autotools.bst
            - hello-cmake.bst
            - hello-meson.bst

            """);

        WriteElement(project, "make", "");
        project.Write("src/hello-make/hello.c", """
            #include <stdio.h>

            int main(void)
            {
                printf("hello from make (PREFIX=%s)\n", PREFIX);
                return 0;
            }

            """);
        project.Write("src/hello-make/Makefile", """
            PREFIX ?= /usr/local
            BINDIR = $(PREFIX)/bin
            CFLAGS ?= -O2

            all: hello-make

            hello-make: hello.c
            	$(CC) $(CFLAGS) -DPREFIX='"$(PREFIX)"' -o $@ hello.c

            install: hello-make
            	install -d "$(DESTDIR)$(BINDIR)"
            	install -m 0755 hello-make "$(DESTDIR)$(BINDIR)/hello-make"

            .PHONY: all install

            """);

        // What a real project sets: no static library, and the dlopen()ed module's .la dropped.
        WriteElement(project, "autotools", """
            variables:
              conf-local: --disable-static
              remove-libtool-modules: 'true'

            """);
        project.Write("src/hello-autotools/configure.ac", """
            AC_INIT([hello-autotools], [1.0])
            AC_CONFIG_SRCDIR([main.c])
            AC_CONFIG_MACRO_DIR([m4])
            AM_INIT_AUTOMAKE([foreign])
            AC_PROG_CC
            LT_INIT
            AC_CONFIG_FILES([Makefile])
            AC_OUTPUT

            """);
        project.Write("src/hello-autotools/Makefile.am", """
            ACLOCAL_AMFLAGS = -I m4

            lib_LTLIBRARIES = libgreet.la
            libgreet_la_SOURCES = greet.c
            include_HEADERS = greet.h

            pkglib_LTLIBRARIES = greetmod.la
            greetmod_la_SOURCES = greetmod.c
            greetmod_la_LDFLAGS = -module -avoid-version

            bin_PROGRAMS = hello-autotools
            hello_autotools_SOURCES = main.c
            hello_autotools_LDADD = libgreet.la

            """);
        project.Write("src/hello-autotools/greet.h", """
            const char *greet_word(void);

            """);
        project.Write("src/hello-autotools/greet.c", """
            #include "greet.h"

            const char *greet_word(void)
            {
                return "hello";
            }

            """);
        project.Write("src/hello-autotools/greetmod.c", """
            int greetmod_answer(void)
            {
                return 42;
            }

            """);
        project.Write("src/hello-autotools/main.c", """
            #include <stdio.h>
            #include "greet.h"

            int main(void)
            {
                printf("%s from autotools (%s)\n", greet_word(), PACKAGE_STRING);
                return 0;
            }

            """);

        WriteElement(project, "cmake", "");
        project.Write("src/hello-cmake/CMakeLists.txt", """
            cmake_minimum_required(VERSION 3.13)
            project(hello_cmake VERSION 1.0 LANGUAGES C)
            include(GNUInstallDirs)
            add_executable(hello-cmake main.c)
            target_compile_definitions(hello-cmake PRIVATE
                GENERATOR="${CMAKE_GENERATOR}" PREFIX="${CMAKE_INSTALL_PREFIX}")
            install(TARGETS hello-cmake RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

            """);
        project.Write("src/hello-cmake/main.c", """
            #include <stdio.h>

            int main(void)
            {
                printf("hello from cmake (%s, prefix %s)\n", GENERATOR, PREFIX);
                return 0;
            }

            """);

        WriteElement(project, "meson", "");
        project.Write("src/hello-meson/meson.build", """
            project('hello-meson', 'c', version: '1.0')
            bindir = get_option('prefix') / get_option('bindir')
            executable('hello-meson', 'main.c',
              c_args: ['-DBINDIR="' + bindir + '"'],
              install: true)

            """);
        project.Write("src/hello-meson/main.c", """
            #include <stdio.h>

            int main(void)
            {
                printf("hello from meson (bindir %s)\n", BINDIR);
                return 0;
            }

            """);
    }

    /// <summary>
    /// The cargo kind's project over the rust-world sysroot: a crate without dependencies (so no cargo2
    /// block), its Cargo.lock committed as <c>--locked</c> requires.
    /// </summary>
    public static void WriteCargo(TestProject project, string sysroot)
    {
        File.CreateSymbolicLink(Path.Combine(project.Directory, "sysroot"), sysroot);
        project.Write("project.conf", """
            name: cargo-kind
            min-version: 2.0
            element-path: elements

            plugins:
            - origin: pip
              package-name: bgx
              elements:
              - cargo

            """);
        project.Write("elements/base.bst", """
            kind: import
            description: Debian minbase with cargo, rustc, gcc and libc6-dev (the rust-world fixture)

            sources:
            - kind: local
              path: sysroot

            """);
        WriteElement(project, "cargo", "");
        project.Write("src/hello-cargo/Cargo.toml", """
            [package]
            name = "hello-cargo"
            version = "0.1.0"
            edition = "2018"
            publish = false

            [dependencies]

            """);
        project.Write("src/hello-cargo/Cargo.lock", """
            # This file is automatically @generated by Cargo.
            # It is not intended for manual editing.
            version = 3

            [[package]]
            name = "hello-cargo"
            version = "0.1.0"

            """);
        project.Write("src/hello-cargo/src/main.rs", """
            fn main() {
                println!("hello from cargo ({} {})", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"));
            }

            """);
    }

    /// <summary>
    /// <c>elements/hello-KIND.bst</c>: the kind's defaults only, over base.bst (built and run against it),
    /// from <c>src/hello-KIND</c>.
    /// </summary>
    private static void WriteElement(TestProject project, string kind, string extra) =>
        project.Write($"elements/hello-{kind}.bst", $"""
            kind: {kind}
            description: a tiny C program built by {kind} with the kind's default commands

            depends:
            - base.bst

            sources:
            - kind: local
              path: src/hello-{kind}

            """ + extra);
}
