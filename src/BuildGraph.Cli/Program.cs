namespace BuildGraph.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        // Loading a project allocates a large, long-lived graph quickly; collecting while it is built
        // only copies it between generations. Defer collections for the first 160 MiB.
        try
        {
            GC.TryStartNoGCRegion(160L * 1024 * 1024);
        }
        catch (ArgumentOutOfRangeException)
        {
        }
        return CliApp.Run(args, Console.Out, Console.Error);
    }
}
