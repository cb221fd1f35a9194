using System.CommandLine;
using BuildGraph.Plugins.Sources;

namespace BuildGraph.Cli.Commands;

/// <summary><c>bgx cargo2 generate Cargo.lock</c>: prints the cargo2 source block for a new element.</summary>
internal static class Cargo2Command
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("cargo2", "Helpers for cargo2 sources");
        command.Subcommands.Add(Generate(stdout, stderr));
        return command;
    }

    private static Command Generate(TextWriter stdout, TextWriter stderr)
    {
        var url = new Option<string>("--url") { Description = "The url: key to write, e.g. crates:crates (default: none, i.e. static.crates.io)" };
        var cargoLock = new Option<string>("--cargo-lock") { Description = "The lock's path in the element's sources (default: Cargo.lock)" };
        var vendorDir = new Option<string>("--vendor-dir") { Description = "The vendor-dir: key to write (default: none)" };
        var lockFile = new Argument<string>("lockfile") { Description = "The Cargo.lock to read" };
        var command = new Command("generate", "Print a cargo2 source block (YAML) with a ref for every crate of a Cargo.lock")
        {
            url, cargoLock, vendorDir, lockFile,
        };
        command.SetAction(parse => CliApp.Guard(stderr, () =>
        {
            stdout.Write(Cargo2Generator.SourceYaml(parse.GetValue(lockFile)!, parse.GetValue(url), parse.GetValue(cargoLock),
                parse.GetValue(vendorDir)));
            return ExitCodes.Success;
        }));
        return command;
    }
}
