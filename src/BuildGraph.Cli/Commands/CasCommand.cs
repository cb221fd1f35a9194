using System.CommandLine;
using BuildGraph.Cas;

namespace BuildGraph.Cli.Commands;

/// <summary><c>bgx cas verify</c>: re-hashes every object and checks every artifact's blobs are present.</summary>
internal static class CasCommand
{
    public static Command Create(GlobalOptions globals, TextWriter stdout, TextWriter stderr)
    {
        var remove = new Option<bool>("--remove-corrupt") { Description = "Delete corrupt objects so they can be rebuilt or pulled" };
        var verify = new Command("verify", "Check the local CAS for corrupt and missing objects") { remove };
        verify.SetAction(parse => CliApp.Guard(stderr, () =>
        {
            var session = CliApp.OpenSession(globals, parse);
            var cas = CliServices.LocalCas(session);
            var report = cas.VerifyAsync(parse.GetValue(remove), CancellationToken.None).GetAwaiter().GetResult();
            foreach (var hash in report.CorruptHashes)
                stdout.WriteLine($"corrupt: {hash}");
            var artifacts = CliServices.OpenArtifacts(session);
            var missing = 0;
            foreach (var (name, artifact) in artifacts.All())
            {
                // Every blob the artifact names, down to each file of its tree: a ref whose objects were
                // removed (found corrupt) is as broken as one whose directories are gone.
                foreach (var digest in artifacts.FindMissingBlobsAsync(artifact, CancellationToken.None).GetAwaiter().GetResult())
                {
                    stdout.WriteLine($"missing: {digest} (artifact {name})");
                    missing++;
                }
            }
            stdout.WriteLine($"Checked {report.CheckedCount} objects: {report.CorruptHashes.Count} corrupt, {missing} missing.");
            return report.IsHealthy && missing == 0 ? ExitCodes.Success : ExitCodes.UserError;
        }));
        var command = new Command("cas", "Inspect the local content-addressed store") { verify };
        return command;
    }
}
