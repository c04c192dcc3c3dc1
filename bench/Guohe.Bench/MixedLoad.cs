using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Guohe.Bench;

/// <summary>
/// QUALITY.md's mixed load: the measured pages together for five minutes (16 connections, each taking the next page in
/// turn as fast as the server answers), counting every answer that is not 200, and sampling the server's working set
/// (resident memory, /proc/{id}/status VmRSS) every ten seconds. "Not growing": the last third's average is within 10 % of
/// the middle third's (the first third is warm-up: JIT, pools, caches).
/// </summary>
public static partial class HttpBench
{
    public static async Task<List<Figure>> MixedAsync(BenchDatabase database, IReadOnlyList<string> paths, TimeSpan duration)
    {
        var pinned = Pin();
        Console.WriteLine($"— mixed load, {duration.TotalMinutes:0.#} minutes: {string.Join(", ", paths)} —");
        await using var server = await Server.StartAsync(database, new Dictionary<string, string>(), pinned);
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
            new Figure("mixed load: working set, last third vs middle third", data, growth * 100, string.Create(CultureInfo.InvariantCulture, $"% ({middle:0} → {last:0} MB)"), "not growing (< 10 %)", growth < 0.10),
        ];
    }

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
