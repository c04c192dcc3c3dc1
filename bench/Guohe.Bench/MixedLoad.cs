using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Guohe.Bench;

/// <summary>
/// QUALITY.md's mixed load: the measured pages together for five minutes (16 connections, each taking the next page in
/// turn as fast as the server answers), counting every answer that is not 200, and sampling the server's working set
/// (resident memory, /proc/{id}/status VmRSS) every ten seconds. "Not growing": the last third's average is within 10 % of
/// the middle third's (the first third is warm-up: JIT, pools, caches). Beside them one more connection imports 1,000
/// organisations through the import page (check, then commit) once a minute, timed from upload to the redirect; so the
/// load runs on a copy of the data set, dropped afterwards.
/// </summary>
public static partial class HttpBench
{
    public static async Task<List<Figure>> MixedAsync(BenchDatabase database, IReadOnlyList<string> paths, TimeSpan duration)
    {
        var pinned = Pin();
        Console.WriteLine($"— mixed load, {duration.TotalMinutes:0.#} minutes: {string.Join(", ", paths)}, and an import of {ImportRows:N0} organisations each minute —");
        await using var copy = await database.CopyAsync();
        await using var server = await Server.StartAsync(copy.Database, new Dictionary<string, string>(), pinned);
        using var client = await SignInAsync(server.BaseAddress);
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long requests = 0, errors = 0;
        var next = -1;
        var samples = new List<double>();
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                if (WorkingSetMegabytes(server.ProcessId) is { } megabytes)
                {
                    lock (samples)
                    {
                        samples.Add(megabytes);
                    }
                }
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(10), sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
        var firstError = string.Empty;
        var imports = new List<double>();
        var importer = Task.Run(async () =>
        {
            using var importClient = await SignInAsync(server.BaseAddress);
            for (var round = 1; Stopwatch.GetTimestamp() < end; round++)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    imports.Add(await ImportAsync(importClient, round));
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, $"import {round}: {e.Message}", string.Empty);
                }
                var wait = TimeSpan.FromMinutes(1) - Stopwatch.GetElapsedTime(started);
                var left = TimeSpan.FromSeconds((end - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
                if (left < TimeSpan.FromSeconds(10) || wait > left)
                {
                    break;
                }
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }
        });
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var path = paths[(int)((uint)Interlocked.Increment(ref next) % (uint)paths.Count)];
                try
                {
                    using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, $"GET {path} answered {(int)response.StatusCode}", string.Empty);
                    }
                }
                catch (HttpRequestException e)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, $"GET {path}: {e.Message}", string.Empty);
                }
                Interlocked.Increment(ref requests);
            }
        }));
        await importer;
        await sampling.CancelAsync();
        await sampler;
        var third = Math.Max(1, samples.Count / 3);
        var middle = samples.Skip(third).Take(third).DefaultIfEmpty(0).Average();
        var last = samples.Skip(samples.Count - third).DefaultIfEmpty(0).Average();
        var peak = samples.DefaultIfEmpty(0).Max();
        var growth = middle > 0 ? (last - middle) / middle : 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {requests:N0} requests ({requests / duration.TotalSeconds:0} per second), {errors} errors{(errors > 0 ? $" (first: {firstError})" : string.Empty)}; "
            + $"working set MB every 10 s: {string.Join(" ", samples.Select(m => m.ToString("0", CultureInfo.InvariantCulture)))}"));
        var data = $"{paths.Count} pages in turn, {duration.TotalMinutes:0.#} min, {database.ProviderName}";
        return
        [
            new Figure("mixed load: errors", data, errors, string.Create(CultureInfo.InvariantCulture, $"of {requests:N0} requests"), "0", errors == 0),
            new Figure("mixed load: working set, peak", data, peak, "MB", "≤ 300 MB", peak <= 300),
            // Information: the import's bar (≤ 2 s) is measured alone (ImportBench); here it shares the server's core with 16 connections.
            new Figure("mixed load: import of organisations over HTTP, check + commit, slowest", string.Create(CultureInfo.InvariantCulture, $"{ImportRows:N0} rows × {imports.Count}, {database.ProviderName}"),
                imports.DefaultIfEmpty(double.NaN).Max(), string.Create(CultureInfo.InvariantCulture, $"s (each: {string.Join(", ", imports.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)))})"), "(all imported; ≤ 2 s is the bar alone)", imports.Count > 0),
            new Figure("mixed load: working set, last third vs middle third", data, growth * 100, string.Create(CultureInfo.InvariantCulture, $"% ({middle:0} → {last:0} MB)"), "not growing (< 10 %)", growth < 0.10),
        ];
    }

    private const int ImportRows = 1000;

    /// <summary>
    /// One import through the page as the office does it: the form's token, the workbook uploaded to Check, then the confirm
    /// form (its token, the checked file's token and name) posted to Commit, which must redirect. Returns the seconds from
    /// upload to redirect.
    /// </summary>
    private static async Task<double> ImportAsync(HttpClient client, int round)
    {
        const string Page = "/Office/Imports/Units";
        var workbook = ImportBench.Workbook(string.Create(CultureInfo.InvariantCulture, $"9131{round:D4}MB"));
        var token = Token(await client.GetStringAsync(Page));
        var clock = Stopwatch.StartNew();
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(workbook), "upload", $"mixed-{round}.xlsx" },
        };
        using var checkedPage = await client.PostAsync(Page + "?handler=Check", upload);
        var html = await checkedPage.Content.ReadAsStringAsync();
        var hidden = HiddenValue().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        if (checkedPage.StatusCode != HttpStatusCode.OK || !hidden.TryGetValue("Token", out var pending))
        {
            throw new InvalidOperationException($"the check answered {(int)checkedPage.StatusCode} without a file to confirm");
        }
        using var confirm = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(html), ["Token"] = pending, ["FileName"] = hidden.GetValueOrDefault("FileName", string.Empty),
        });
        using var committed = await client.PostAsync(Page + "?handler=Commit", confirm);
        clock.Stop();
        if (committed.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"the commit answered {(int)committed.StatusCode}, not a redirect");
        }
        return clock.Elapsed.TotalSeconds;
    }

    private static string Token(string html) => TokenPattern().Match(html) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups[1].Value is { Length: > 0 } value ? value : match.Groups[2].Value)
        : throw new InvalidOperationException("No antiforgery token on the page.");

    [System.Text.RegularExpressions.GeneratedRegex("<input type=\"hidden\" id=\"[^\"]*\" name=\"(Token|FileName)\" value=\"([^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex HiddenValue();

    private static double? WorkingSetMegabytes(int processId)
    {
        try
        {
            var line = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
