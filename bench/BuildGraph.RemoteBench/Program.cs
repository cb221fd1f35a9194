using System.Diagnostics;
using BuildGraph.Abstractions;
using BuildGraph.Cas;
using BuildGraph.Remote;
using BuildGraph.Grpc;

// Usage: BuildGraph.RemoteBench SERVER_URL WORKDIR [FILES] [MIB] [ARTIFACTS]
// Push then pull, over the server at SERVER_URL: one 1 GiB blob, one artifact of FILES files / MIB MiB,
// and ARTIFACTS small artifacts (Remote Asset URN + tree each); 0 skips a part. Prints one line per measurement.
var server = new Uri(args[0]);
var work = args[1];
var fileCount = args.Length > 2 ? int.Parse(args[2]) : 10_000;
var mib = args.Length > 3 ? int.Parse(args[3]) : 1024;
var artifactCount = args.Length > 4 ? int.Parse(args[4]) : 1000;
var ct = CancellationToken.None;
Directory.CreateDirectory(work);

using var channel = new HttpRpcChannel(new RpcChannelOptions { Address = server });
// BENCH_INSTANCE="" talks to servers that only serve the default instance (BuildStream 1.6.8's);
// BENCH_CAS_ONLY=1 names small artifacts by their digests instead of Remote Asset URNs (which that server lacks).
var instance = Environment.GetEnvironmentVariable("BENCH_INSTANCE") ?? "bench";
var casOnly = Environment.GetEnvironmentVariable("BENCH_CAS_ONLY") == "1";
var client = new CasClient(channel, new CasClientOptions { InstanceName = instance });
var assets = new AssetClient(channel, instance);
var seed = 0;

DirectoryTree Store(string name) => new(new LocalCas(Path.Combine(work, name)));

async Task<T> Timed<T>(string what, long bytes, Func<Task<T>> body)
{
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var result = await body();
    var seconds = clock.Elapsed.TotalSeconds;
    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    var rate = bytes > 0 ? $", {bytes / 1048576.0 / seconds:F0} MiB/s" : "";
    Console.WriteLine($"{what}: {seconds:F2} s{rate} (client CPU {cpuSeconds:F2} s)");
    return result;
}

byte[] RandomBytes(int size)
{
    var bytes = new byte[size];
    new Random(++seed).NextBytes(bytes);
    return bytes;
}

// 1. One large blob.
{
    var source = Store("large-src");
    var path = Path.Combine(work, "large.bin");
    await using (var file = File.Create(path))
    {
        for (var i = 0; i < mib; i++)
            await file.WriteAsync(RandomBytes(1024 * 1024));
    }
    var digest = await source.Cas.PutFileAsync(path, ct);
    File.Delete(path);
    await Timed($"push 1 blob of {mib} MiB", digest.SizeBytes, () => client.UploadAsync(source.Cas, [digest], ct));
    await Timed($"pull 1 blob of {mib} MiB", digest.SizeBytes, () => client.DownloadAsync(Store("large-dst").Cas, [digest], ct));
    await Timed($"read 1 blob of {mib} MiB, verified, not stored", digest.SizeBytes, async () =>
    {
        await using var stream = (await client.OpenReadAsync(digest, ct))!;
        await stream.CopyToAsync(Stream.Null, 1024 * 1024, ct);
        return 0;
    });
}

// 2. One artifact of many files: 1% large files hold ~40% of the bytes, the rest are small.
if (fileCount > 0)
{
    var directory = Path.Combine(work, "tree");
    var total = (long)mib * 1024 * 1024;
    var large = Math.Max(1, fileCount / 100);
    var largeSize = (int)(total * 4 / 10 / large);
    var smallSize = (int)((total - (long)largeSize * large) / (fileCount - large));
    for (var i = 0; i < fileCount; i++)
    {
        var file = Path.Combine(directory, $"d{i % 100:D2}", $"f{i}");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var size = i < large ? largeSize : Math.Max(1, smallSize / 2 + new Random(i).Next(smallSize));
        await File.WriteAllBytesAsync(file, RandomBytes(size));
    }
    var source = Store("tree-src");
    var root = await source.ImportAsync(directory, ImportMode.Link, ct);
    var bytes = 0L;
    await foreach (var entry in source.ListAsync(root, ct))
        bytes += entry.Kind == TreeEntryKind.File ? entry.Digest!.Value.SizeBytes : 0;
    await Timed($"push 1 artifact of {fileCount} files, {bytes / 1048576} MiB", bytes, () => client.UploadTreeAsync(source, root, ct));
    await Timed($"pull 1 artifact of {fileCount} files, {bytes / 1048576} MiB", bytes, () => client.DownloadTreeAsync(Store("tree-dst"), root, ct));
}

// 3. Many small artifacts, each a tree of 5 files plus an artifact blob under its URN.
if (artifactCount > 0)
{
    var source = Store("small-src");
    var artifacts = new List<(string Urn, Digest Proto, Digest Root)>();
    long bytes = 0;
    for (var a = 0; a < artifactCount; a++)
    {
        var directory = Path.Combine(work, "small", $"a{a}");
        Directory.CreateDirectory(directory);
        for (var f = 0; f < 5; f++)
        {
            var content = RandomBytes(1024 + new Random(a * 5 + f).Next(15 * 1024));
            bytes += content.Length;
            await File.WriteAllBytesAsync(Path.Combine(directory, $"file{f}"), content);
        }
        var root = await source.ImportAsync(directory, ImportMode.Link, ct);
        var proto = await source.Cas.PutBytesAsync(RandomBytes(200), ct);
        artifacts.Add((AssetClient.ArtifactUrn("bench", $"element-{a}", $"{a:x64}"), proto, root));
    }
    var options = new ParallelOptions { MaxDegreeOfParallelism = 8 };
    await Timed($"push {artifactCount} small artifacts ({bytes / 1024} KiB)", bytes, async () =>
    {
        await Parallel.ForEachAsync(artifacts, options, async (artifact, token) =>
        {
            await client.UploadTreeAsync(source, artifact.Root, token);
            await client.UploadAsync(source.Cas, [artifact.Proto], token);
            if (!casOnly)
                await assets.PushBlobAsync([artifact.Urn], artifact.Proto, [], [artifact.Root], token);
        });
        return 0;
    });
    var target = Store("small-dst");
    await Timed($"pull {artifactCount} small artifacts ({bytes / 1024} KiB)", bytes, async () =>
    {
        await Parallel.ForEachAsync(artifacts, options, async (artifact, token) =>
        {
            var proto = casOnly ? artifact.Proto
                : await assets.FetchBlobAsync([artifact.Urn], token) ?? throw new InvalidOperationException("artifact missing");
            await client.DownloadAsync(target.Cas, [proto], token);
            await client.DownloadTreeAsync(target, artifact.Root, token);
        });
        return 0;
    });
}
