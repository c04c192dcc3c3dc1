using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Guohe.Tests.Support;

/// <summary>
/// The real application as a separate operating-system process (<c>dotnet Guohe.Web.dll</c> from this test's output, the
/// content root <c>src/Guohe.Web</c>), listening on 127.0.0.1 with plain HTTP, in the Production environment, for tests that
/// need what one process cannot show: two instances side by side, or a process killed and started again. Its output is
/// kept for the failure message; disposing stops it by its own id.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    /// <summary>Everything the process wrote, standard output and error interleaved.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>
    /// Starts the app on the given database and data folder. Plain HTTP on the loopback needs cookies that are not Secure
    /// (and so not <c>__Host-</c>); the second factor stays as configured. <paramref name="settings"/> add or override
    /// configuration (<c>Section__Key</c>).
    /// </summary>
    public static async Task<AppProcess> StartAsync(string provider, string connectionString, string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Guohe.Web.dll")])
        {
            WorkingDirectory = ContentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_CONTENTROOT"] = ContentRoot,
            ["ASPNETCORE_URLS"] = address.ToString(),
            ["Database__Provider"] = provider,
            ["ConnectionStrings__Guohe"] = connectionString,
            ["Storage__DataDirectory"] = dataDirectory,
            ["App__PublicUrl"] = address.ToString(),
            ["Security__SecureCookies"] = "false",
            ["Security__CookieName"] = "Guohe-Test",
            ["Obligations__JobEnabled"] = "false",
            ["Reminders__Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new AppProcess(process, address);
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
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

    private static string ContentRoot { get; } = FindContentRoot();

    private static string FindContentRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var web = Path.Combine(folder.FullName, "src", "Guohe.Web");
            if (File.Exists(Path.Combine(web, "Guohe.Web.csproj")))
            {
                return web;
            }
        }
        throw new InvalidOperationException($"src/Guohe.Web not found above {AppContext.BaseDirectory}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private async Task WaitHealthyAsync()
    {
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2) && !_process.HasExited)
        {
            try
            {
                using var response = await probe.GetAsync("/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"The app on {Address} did not become healthy (exited: {_process.HasExited}):\n{string.Join('\n', _output.TakeLast(30))}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
