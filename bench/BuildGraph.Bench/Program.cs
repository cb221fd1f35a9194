using System.Diagnostics;
using BuildGraph.Cas;

// CAS micro-benchmarks against the shell tools they replace (see bench/README.md):
//   import hashing vs `sha256sum` over the same files, and a hard-linked checkout of a
//   10,000-file tree vs `cp -al` of the same tree.
// Usage: dotnet run -c Release --project bench/BuildGraph.Bench [FILES] [TOTAL_MIB]
var files = args.Length > 0 ? int.Parse(args[0]) : 10_000;
var totalMib = args.Length > 1 ? int.Parse(args[1]) : 1024;
var work = Directory.CreateTempSubdirectory("bgx-cas-bench").FullName;
try
{
    var tree = Path.Combine(work, "tree");
    MakeTree(tree, files, totalMib);
    Run("sync");
    var sha = Time(() => Run("sh", "-c", $"find '{tree}' -type f -print0 | xargs -0 -P {Environment.ProcessorCount} -n 500 sha256sum > /dev/null"));
    var cas = new DirectoryTree(new LocalCas(Path.Combine(work, "cas")));
    BuildGraph.Abstractions.Digest root = default;
    var import = Time(() => root = cas.ImportAsync(tree, ImportMode.Link, CancellationToken.None).GetAwaiter().GetResult());
    var cpal = Time(() => Run("cp", "-al", tree, Path.Combine(work, "cp-al")));
    var checkout = Time(() => cas.CheckoutAsync(root, Path.Combine(work, "checkout"), useHardlinks: true, CancellationToken.None).GetAwaiter().GetResult());
    var mib = totalMib;
    Console.WriteLine($"files {files}, {mib} MiB, {Environment.ProcessorCount} cores");
    Console.WriteLine($"sha256sum (parallel xargs)   {sha,8:F2} s  {mib / sha,8:F0} MiB/s");
    Console.WriteLine($"bgx import (hash + link)     {import,8:F2} s  {mib / import,8:F0} MiB/s  = {sha / import * 100:F0}% of sha256sum throughput");
    Console.WriteLine($"cp -al                       {cpal,8:F2} s");
    Console.WriteLine($"bgx hard-linked checkout     {checkout,8:F2} s  = {checkout / cpal:F2}x cp -al");
}
finally
{
    Directory.Delete(work, recursive: true);
}

static void MakeTree(string root, int files, int totalMib)
{
    var size = (int)Math.Max(1, (long)totalMib * 1024 * 1024 / files);
    var random = new Random(1);
    var buffer = new byte[size];
    for (var i = 0; i < files; i++)
    {
        var dir = Path.Combine(root, $"d{i % 100:D2}", $"e{i % 7}");
        Directory.CreateDirectory(dir);
        random.NextBytes(buffer);
        File.WriteAllBytes(Path.Combine(dir, $"f{i:D5}.bin"), buffer);
    }
}

static double Time(Action action)
{
    var clock = Stopwatch.StartNew();
    action();
    return clock.Elapsed.TotalSeconds;
}

static void Run(string file, params string[] arguments)
{
    var start = new ProcessStartInfo(file);
    foreach (var argument in arguments)
        start.ArgumentList.Add(argument);
    using var process = Process.Start(start)!;
    process.WaitForExit();
    if (process.ExitCode != 0)
        throw new InvalidOperationException($"{file} failed with {process.ExitCode}");
}
