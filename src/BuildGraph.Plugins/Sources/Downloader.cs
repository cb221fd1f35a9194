using System.Net;
using System.Security.Cryptography;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>
/// Downloads one file into a content-addressed directory of the download cache: to a temporary file
/// first, hashed on the way, kept as <c>&lt;sha256&gt;&lt;suffix&gt;</c> only once its digest is known
/// (and matches, when one is expected). Tries the URLs in order, retrying transient failures.
/// </summary>
internal sealed class Downloader(ISourceContext context)
{
    /// <summary>The wait before retry <paramref name="attempt"/> (0-based): 0.2 s, 0.4 s, 0.8 s… at most 5 s.</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Math.Min(5000, 200 * (1 << Math.Min(attempt, 10))));

    /// <summary>
    /// Fetches <paramref name="url"/> (as written) from its mirrors, then its alias; a transient failure
    /// of one is retried <see cref="ISourceContext.NetworkRetries"/> times before the next is tried.
    /// </summary>
    /// <returns>The stored file's sha256 (equal to <paramref name="expectedSha"/> when one is given).</returns>
    public Task<string> FetchAsync(string url, Provenance at, string directory, string suffix, string? expectedSha,
        CancellationToken cancellationToken) =>
        DownloadAsync(context.FetchUrls(url, at), at, directory, suffix, expectedSha, cancellationToken);

    /// <summary>Downloads from the alias URL only (tracking never uses mirrors) and returns the new sha256.</summary>
    public Task<string> TrackAsync(string url, Provenance at, string directory, string suffix, CancellationToken cancellationToken) =>
        DownloadAsync([context.TranslateUrl(url, at)], at, directory, suffix, null, cancellationToken);

    private async Task<string> DownloadAsync(IReadOnlyList<string> candidates, Provenance at, string directory, string suffix,
        string? expectedSha, CancellationToken cancellationToken)
    {
        var failures = new List<SourceException>();
        foreach (var candidate in candidates)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return await DownloadOnceAsync(candidate, at, directory, suffix, expectedSha, cancellationToken).ConfigureAwait(false);
                }
                catch (SourceException e) when (e.IsTransient && attempt < context.NetworkRetries)
                {
                    await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
                }
                catch (SourceException e)
                {
                    failures.Add(e);
                    break;
                }
            }
        }
        if (failures.Count == 1)
            throw failures[0];
        var last = failures[^1];
        var detail = string.Join("\n", failures.Select(f => "- " + f.Message));
        throw new SourceException(last.Reason, at, $"{context.ElementName}: every URL failed; the last: {last.Message}",
            detail, failures.All(f => f.IsTransient), last);
    }

    private async Task<string> DownloadOnceAsync(string url, Provenance at, string directory, string suffix, string? expectedSha,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".download-{Guid.NewGuid():N}");
        try
        {
            string sha;
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                await CopyUrlAsync(url, at, output, hash, cancellationToken).ConfigureAwait(false);
                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            }
            if (expectedSha is not null && !string.Equals(sha, expectedSha, StringComparison.OrdinalIgnoreCase))
                throw new SourceException(ErrorReason.DigestMismatch, at,
                    $"{context.ElementName}: the file downloaded from {url} has sha256 {sha}, but the ref expects {expectedSha}",
                    "Nothing was kept. If the upstream file changed on purpose, track the source again (bgx source track) " +
                    "and review the change; otherwise the download was corrupted or tampered with.");
            File.Move(temp, Path.Combine(directory, sha + suffix), overwrite: true);
            return sha;
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    private async Task CopyUrlAsync(string url, Provenance at, Stream output, IncrementalHash hash, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            throw new SourceException(ErrorReason.InvalidData, at, $"{context.ElementName}: '{url}' is not an absolute URL",
                "Use a full URL or an alias declared in project.conf.");
        if (uri.IsFile)
        {
            if (!File.Exists(uri.LocalPath))
                throw new SourceException(ErrorReason.SourceNotFound, at, $"{context.ElementName}: {url} does not exist");
            await using var input = new FileStream(uri.LocalPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await CopyHashingAsync(input, output, hash, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (uri.Scheme is not ("http" or "https"))
            throw new SourceException(ErrorReason.Unsupported, at, $"{context.ElementName}: bgx cannot download {uri.Scheme} URLs ({url})",
                "Use an http, https or file URL, or a mirror that serves one.");
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.TryAddWithoutValidation("User-Agent", "bgx (BuildStream 2 compatible)");
            using var response = await context.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
            ThrowForStatus(url, at, response.StatusCode);
            await using var input = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await CopyHashingAsync(input, output, hash, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new SourceException(ErrorReason.NetworkError, at, $"{context.ElementName}: cannot download {url}: {e.Message}",
                null, isTransient: true, inner: e);
        }
        catch (IOException e)
        {
            throw new SourceException(ErrorReason.NetworkError, at, $"{context.ElementName}: the download of {url} broke off: {e.Message}",
                null, isTransient: true, inner: e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SourceException(ErrorReason.NetworkError, at, $"{context.ElementName}: the download of {url} timed out",
                null, isTransient: true, inner: e);
        }
    }

    private void ThrowForStatus(string url, Provenance at, HttpStatusCode status)
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
            return;
        if (status is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            throw new SourceException(ErrorReason.SourceNotFound, at, $"{context.ElementName}: {url} was not found (HTTP {code})",
                "Check the URL and its alias; the file may have moved upstream.");
        var transient = code >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
        throw new SourceException(ErrorReason.NetworkError, at, $"{context.ElementName}: downloading {url} failed with HTTP {code} {status}",
            null, isTransient: transient);
    }

    private static async Task CopyHashingAsync(Stream input, Stream output, IncrementalHash hash, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }
}
