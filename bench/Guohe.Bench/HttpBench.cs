using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Guohe.Bench;

/// <summary>
/// One page measured over HTTP against the bars of QUALITY.md: throughput as the ratio R to <c>/_bench/plain</c> of the same
/// server in the same run, and p95 latency at a fixed rate of half the page's own maximum. A bar left null is reported
/// without one. Issue 10 adds the other pages of the table here.
/// </summary>
public sealed record PageMeasure(string Name, string Path, string Data, double? MinRatio, double? MaxP95Milliseconds);

/// <summary>A server started with some settings (e.g. the statistics cache off) and the pages measured on it.</summary>
public sealed record ServerRun(string Label, IReadOnlyDictionary<string, string> Settings, IReadOnlyList<PageMeasure> Pages);

/// <summary>
/// Starts the real application as a separate Release process on 127.0.0.1 (pinned to core 0 with <c>taskset</c> when there
/// are two cores or more; this process, the load generator, to core 1), signs in as the data set's office user, and drives
/// each page with 16 concurrent connections: first as fast as it answers (requests/s), then at half that rate (p95 from the
/// scheduled send time, so a stalled server is not hidden). Every response must be 200; the server is stopped by its id.
/// </summary>
public static partial class HttpBench
{
    public const int Connections = 16;
    public const string PlainPath = "/_bench/plain";

    public static async Task<List<Figure>> RunAsync(BenchDatabase database, IReadOnlyList<ServerRun> runs, TimeSpan duration)
    {
        var pinned = Pin();
        var figures = new List<Figure>();
        foreach (var run in runs)
        {
            Console.WriteLine($"— {run.Label} —");
            await using var server = await Server.StartAsync(database, run.Settings, pinned);
            using var client = await SignInAsync(server.BaseAddress);
            var plain = await ThroughputAsync(client, PlainPath, duration);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {PlainPath}: {plain.RequestsPerSecond:0} requests/s"));
            figures.Add(new Figure($"{PlainPath} ({run.Label})", database.ProviderName, plain.RequestsPerSecond, "requests/s", "(the reference)", true));
            foreach (var page in run.Pages)
            {
                var statements = await StatementsPerRequestAsync(client, page.Path);
                var max = await ThroughputAsync(client, page.Path, duration);
                var ratio = max.RequestsPerSecond / plain.RequestsPerSecond;
                var rate = max.RequestsPerSecond / 2;
                var p95 = await FixedRateP95Async(client, page.Path, rate, duration);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {page.Path}: {max.RequestsPerSecond:0.0} requests/s (R = {ratio:0.000}), p95 {p95:0.0} ms at {rate:0.0} requests/s, {statements:0.#} SQL statements per request"));
                var data = $"{page.Data}, {database.ProviderName}";
                figures.Add(new Figure($"{page.Name}: SQL statements per request", data, statements, "statements", "(no bar; fewer is faster)", true));
                figures.Add(new Figure($"{page.Name}: R", data, ratio, string.Create(CultureInfo.InvariantCulture, $"({max.RequestsPerSecond:0.#}/s ÷ {plain.RequestsPerSecond:0}/s)"),
                    page.MinRatio is { } r ? string.Create(CultureInfo.InvariantCulture, $"R ≥ {r}") : "(no bar)", page.MinRatio is not { } minimum || ratio >= minimum));
                figures.Add(new Figure($"{page.Name}: p95 at half max", data, p95, string.Create(CultureInfo.InvariantCulture, $"ms (at {rate:0.#}/s)"),
                    page.MaxP95Milliseconds is { } b ? string.Create(CultureInfo.InvariantCulture, $"p95 ≤ {b} ms") : "(no bar)", page.MaxP95Milliseconds is not { } most || p95 <= most));
            }
        }
        return figures;
    }

    /// <summary>Pins this process (every thread) to core 1; returns whether the server should be pinned to core 0.</summary>
    private static bool Pin()
    {
        if (Environment.ProcessorCount < 2 || !File.Exists("/usr/bin/taskset"))
        {
            Console.WriteLine("Not pinned: fewer than two cores or no taskset; server and load share the cores.");
            return false;
        }
        using var taskset = Process.Start(new ProcessStartInfo("/usr/bin/taskset", ["-a", "-p", "-c", "1", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
        })!;
        taskset.WaitForExit();
        Console.WriteLine("Load generator pinned to core 1, server to core 0 (taskset).");
        return taskset.ExitCode == 0;
    }

    private static HttpClient NewClient(Uri baseAddress) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = Connections,
        AllowAutoRedirect = false,
        UseCookies = true,
        CookieContainer = new CookieContainer(),
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromMinutes(10),
    };

    /// <summary>Signs in as the data set's office user; the statistics page must then answer 200 (no second factor asked).</summary>
    private static async Task<HttpClient> SignInAsync(Uri baseAddress)
    {
        var client = NewClient(baseAddress);
        var login = await client.GetStringAsync("/Account/Login");
        var token = Token(login);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = DataSet.OfficeEmail, ["Input.Password"] = DataSet.OfficePassword, ["__RequestVerificationToken"] = token,
        });
        using var response = await client.PostAsync("/Account/Login", form);
        using var check = await client.GetAsync("/Office/Statistics");
        if (check.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Signing in as {DataSet.OfficeEmail} failed: login answered {(int)response.StatusCode} {response.Headers.Location}, the statistics page {(int)check.StatusCode} {check.Headers.Location}.");
        }
        var html = await check.Content.ReadAsStringAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {Dashboard.Path}: {System.Text.Encoding.UTF8.GetByteCount(html):N0} bytes of HTML, {RowPattern().Count(html):N0} table rows"));
        return client;
    }

    /// <summary>
    /// The SQL commands the server sends per request of a page (issue 10), from its <c>/_bench/statements</c> counter around ten
    /// requests sent one after another (nothing else runs; the counter's own request sends none).
    /// </summary>
    private static async Task<double> StatementsPerRequestAsync(HttpClient client, string path)
    {
        const int Requests = 10;
        await GetAsync(client, path); // first use: sign-in checks, caches
        var before = long.Parse(await client.GetStringAsync("/_bench/statements"), CultureInfo.InvariantCulture);
        for (var i = 0; i < Requests; i++)
        {
            await GetAsync(client, path);
        }
        var after = long.Parse(await client.GetStringAsync("/_bench/statements"), CultureInfo.InvariantCulture);
        return (after - before) / (double)Requests;
    }

    private sealed record Throughput(double RequestsPerSecond, int Requests);

    /// <summary>As many requests as the server answers: 16 workers, each sending the next request when the last is answered.</summary>
    private static async Task<Throughput> ThroughputAsync(HttpClient client, string path, TimeSpan duration)
    {
        await LoopAsync(client, path, TimeSpan.FromSeconds(Math.Min(3, duration.TotalSeconds / 3))); // warm-up: JIT, pools, caches
        var clock = Stopwatch.StartNew();
        var requests = await LoopAsync(client, path, duration);
        return new Throughput(requests / clock.Elapsed.TotalSeconds, requests);
    }

    private static async Task<int> LoopAsync(HttpClient client, string path, TimeSpan duration)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var count = 0;
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                await GetAsync(client, path);
                Interlocked.Increment(ref count);
            }
        }));
        return count;
    }

    /// <summary>Requests sent on a fixed schedule (open loop); each latency runs from its scheduled time to the full response.</summary>
    private static async Task<double> FixedRateP95Async(HttpClient client, string path, double rate, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        var requests = Math.Max(5, (int)(rate * duration.TotalSeconds)); // a slow page: at least five
        var start = Stopwatch.GetTimestamp();
        var tasks = new List<Task>(requests);
        for (var i = 0; i < requests; i++)
        {
            var scheduled = start + (long)(i / rate * Stopwatch.Frequency);
            var wait = Figure.Milliseconds(scheduled - Stopwatch.GetTimestamp());
            if (wait > 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }
            tasks.Add(Task.Run(async () =>
            {
                await GetAsync(client, path);
                latencies.Add(Figure.Milliseconds(Stopwatch.GetTimestamp() - scheduled));
            }));
        }
        await Task.WhenAll(tasks);
        return Figure.Percentile([.. latencies], 0.95);
    }

    private static async Task GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} {response.Headers.Location}; a benchmark needs 0 errors.");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"__RequestVerificationToken\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<tr[ >]")]
    private static partial Regex RowPattern();

    /// <summary>The application as a separate process; disposing stops it (by its process id) and deletes its data folder.</summary>
    private sealed class Server : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string _dataDirectory;
        private readonly ConcurrentQueue<string> _output = new();

        private Server(Process process, Uri baseAddress, string dataDirectory)
        {
            _process = process;
            BaseAddress = baseAddress;
            _dataDirectory = dataDirectory;
        }

        public Uri BaseAddress { get; }

        /// <summary>The server's process (taskset replaces itself with dotnet, so the id is the server's).</summary>
        public int ProcessId => _process.Id;

        public static async Task<Server> StartAsync(BenchDatabase database, IReadOnlyDictionary<string, string> settings, bool pinned)
        {
            var root = RepositoryRoot();
            var web = Path.Combine(root, "src", "Guohe.Web");
            var dll = Path.Combine(web, "bin", "Release", "net10.0", "Guohe.Web.dll");
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"{dll} is missing: run the bench with -c Release (it builds the app).");
            }
            var port = FreePort();
            var address = new Uri($"http://127.0.0.1:{port}");
            var data = Directory.CreateTempSubdirectory("guohe-bench-server-").FullName;
            var start = pinned
                ? new ProcessStartInfo("/usr/bin/taskset", ["-c", "0", "dotnet", dll])
                : new ProcessStartInfo("dotnet", [dll]);
            start.WorkingDirectory = web;
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            var environment = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production", // Development features off: no demo data, no developer pages
                ["ASPNETCORE_CONTENTROOT"] = web,
                ["ASPNETCORE_URLS"] = address.ToString(),
                ["Database__Provider"] = database.Provider.ToString(),
                ["ConnectionStrings__Guohe"] = database.ConnectionString,
                ["Storage__DataDirectory"] = data,
                ["App__PublicUrl"] = address.ToString(),
                ["Bench__Enabled"] = "true",
                ["Security__TwoFactorRequiredForStaff"] = "false", // the bench signs in without an authenticator app
                ["Security__SecureCookies"] = "false", // plain HTTP on the loopback
                ["Security__CookieName"] = "Guohe-Bench", // a __Host- cookie must be Secure
                ["Obligations__JobEnabled"] = "false", // the background jobs would change the data under measurement
                ["Reminders__Enabled"] = "false",
            };
            foreach (var (key, value) in settings)
            {
                environment[key] = value;
            }
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }
            Console.WriteLine($"  server: dotnet {Path.GetRelativePath(root, dll)} on {address}{(pinned ? " (core 0)" : string.Empty)}, ASPNETCORE_ENVIRONMENT=Production, " +
                $"Security:TwoFactorRequiredForStaff=false (second factor OFF for this run), {string.Join(", ", settings.Select(s => $"{s.Key.Replace("__", ":", StringComparison.Ordinal)}={s.Value}"))}");
            var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
            var server = new Server(process, address, data);
            process.OutputDataReceived += (_, e) => server.Keep(e.Data);
            process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await server.WaitHealthyAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
            return server;
        }

        private void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }
            _output.Enqueue(line);
            while (_output.Count > 40)
            {
                _output.TryDequeue(out _);
            }
        }

        private async Task WaitHealthyAsync()
        {
            using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromMinutes(3))
            {
                if (_process.HasExited)
                {
                    break;
                }
                try
                {
                    using var response = await probe.GetAsync("/healthz");
                    if (response.IsSuccessStatusCode)
                    {
                        Console.WriteLine($"  server healthy after {clock.Elapsed.TotalSeconds:0.0} s (process {_process.Id})");
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }
                await Task.Delay(250);
            }
            throw new InvalidOperationException($"The server did not become healthy:\n{string.Join('\n', _output)}");
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            Console.WriteLine($"  server stopped (process {_process.Id})");
            _process.Dispose();
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static string RepositoryRoot()
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Guohe.slnx")))
                {
                    return folder.FullName;
                }
            }
            throw new InvalidOperationException("Run the bench from the repository (Guohe.slnx not found above it).");
        }
    }
}
