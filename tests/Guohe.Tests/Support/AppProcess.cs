using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Guohe.Tests.Support;

/// <summary>
/// The real application as a separate process (<c>dotnet src/Guohe.Web/bin/…/Guohe.Web.dll</c>, built with the tests), as
/// bench/Guohe.Bench starts it: Production, plain HTTP on 127.0.0.1, no background jobs. For what only a process can show:
/// being killed (<c>kill -9</c>), its commands (<c>backup</c>, <c>restore</c>, <c>audit verify</c>), two instances side by side.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    /// <summary>The settings every run gets, as environment variables; <paramref name="settings"/> adds or overrides (keys with <c>:</c>).</summary>
    private static ProcessStartInfo StartInfo(string provider, string connectionString, string dataDirectory, Uri? address, IReadOnlyDictionary<string, string>? settings, IEnumerable<string> args)
    {
        var root = RepositoryRoot();
        var web = Path.Combine(root, "src", "Guohe.Web");
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // …/bin/Debug/net10.0/
        var dll = Path.Combine(web, "bin", configuration, "net10.0", "Guohe.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution.");
        }
        var start = new ProcessStartInfo(Dotnet()) { WorkingDirectory = web, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production", // no demo data, no developer pages
            ["ASPNETCORE_CONTENTROOT"] = web,
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Guohe"] = connectionString,
            ["Storage:DataDirectory"] = dataDirectory,
            ["App:PublicUrl"] = (address ?? new Uri("http://127.0.0.1")).ToString(),
            ["Security:SecureCookies"] = "false", // plain HTTP on the loopback
            ["Security:CookieName"] = "Guohe-Test", // a __Host- cookie must be Secure
            ["Obligations:JobEnabled"] = "false",
            ["Reminders:Enabled"] = "false",
            ["DOTNET_TieredPGO"] = "0", // start fast: this process lives for seconds
            ["DOTNET_TC_QuickJitForLoops"] = "1",
        };
        if (address is not null)
        {
            environment["ASPNETCORE_URLS"] = address.ToString();
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        return start;
    }

    /// <summary>Starts the server and waits until <c>/healthz</c> answers.</summary>
    public static async Task<AppProcess> StartAsync(string provider, string connectionString, string dataDirectory, IReadOnlyDictionary<string, string>? settings = null, int? port = null)
    {
        var address = new Uri($"http://127.0.0.1:{port ?? FreePort()}");
        var process = Process.Start(StartInfo(provider, connectionString, dataDirectory, address, settings, [])) ?? throw new InvalidOperationException("The app did not start.");
        var app = new AppProcess(process, address);
        try
        {
            await app.WaitHealthyAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>Runs a command (<c>backup --to …</c>) to its end; returns the exit code and what it printed.</summary>
    public static Task<(int ExitCode, string Output)> RunCommandAsync(string provider, string connectionString, string dataDirectory, params string[] args) =>
        RunCommandAsync(provider, connectionString, dataDirectory, null, args);

    /// <summary>Runs a command with settings or environment variables (<c>PATH</c>) of its own.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string provider, string connectionString, string dataDirectory, IReadOnlyDictionary<string, string>? settings, params string[] args)
    {
        using var process = Process.Start(StartInfo(provider, connectionString, dataDirectory, null, settings, args)) ?? throw new InvalidOperationException("The command did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await output) + (await errors));
    }

    /// <summary><c>kill -9</c>: no shutdown, no flushing, mid-request.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true); // SIGKILL on Unix
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>The last lines the process wrote (standard output and error), for a failure message.</summary>
    public string RecentOutput => string.Join('\n', _output.TakeLast(60));

    /// <summary>Every line the process wrote (up to the last 5,000).</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>A client of this process that keeps cookies in <paramref name="cookies"/> and does not follow redirects.</summary>
    public PageClient Browse(CookieContainer? cookies = null) => new(new HttpClient(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = true,
        CookieContainer = cookies ?? new CookieContainer(),
    })
    {
        BaseAddress = Address,
        Timeout = TimeSpan.FromSeconds(60),
    });

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 5000)
        {
            _output.TryDequeue(out _);
        }
    }

    private async Task WaitHealthyAsync()
    {
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90) && !_process.HasExited)
        {
            try
            {
                using var response = await probe.GetAsync("/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"The app did not become healthy:\n{RecentOutput}");
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>The <c>dotnet</c> host by its full path, so a command can run with a <c>PATH</c> of its own.</summary>
    private static string Dotnet() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "dotnet")).FirstOrDefault(File.Exists) ?? "dotnet";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Guohe.slnx")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("Guohe.slnx not found above " + AppContext.BaseDirectory);
    }
}
