using Guohe.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Guohe.Tests.Support;

/// <summary>
/// The real application on a fresh database of the chosen provider, in its own data folder, with a clock the
/// test controls. Start with <see cref="StartAsync"/>; dispose to delete the database and the folder.
/// </summary>
public sealed class GuoheApp : WebApplicationFactory<Program>
{
    private readonly string _provider;
    private readonly string _connectionString;
    private readonly string _environment;
    private readonly Dictionary<string, string?> _settings;

    static GuoheApp()
    {
        // Every test host would otherwise hold inotify watchers on its content root; machines allow 128 per user.
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    private GuoheApp(string provider, string connectionString, string environment, Dictionary<string, string?> settings)
    {
        _provider = provider;
        _connectionString = connectionString;
        _environment = environment;
        _settings = settings;
        DataDirectory = Path.Combine(Path.GetTempPath(), "guohe-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    public string DataDirectory { get; }

    public FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    public string Provider => _provider;

    /// <summary>The PostgreSQL database of this app (empty for SQLite, whose file is in <see cref="DataDirectory"/>).</summary>
    public string ConnectionString => _connectionString;

    /// <summary>Every log entry the application writes, for asserting that something was logged.</summary>
    public CapturedLogs Logs { get; } = new();

    public static async Task<GuoheApp> StartAsync(string provider, string environment = "Testing", Dictionary<string, string?>? settings = null)
    {
        var app = await CreateAsync(provider, environment, settings);
        _ = app.Services; // builds the host: runs migrations now, so a failure shows here
        return app;
    }

    private static async Task<GuoheApp> CreateAsync(string provider, string environment, Dictionary<string, string?>? settings) =>
        new(provider, provider == Databases.Postgres ? await Databases.CreatePostgresDatabaseAsync() : string.Empty, environment, settings ?? []);

    /// <summary>
    /// The application behind a real Kestrel socket on 127.0.0.1 (a free port), for a real browser; <see cref="Address"/> is where it listens.
    /// </summary>
    public static async Task<GuoheApp> StartServerAsync(string provider, string environment = "Testing", Dictionary<string, string?>? settings = null)
    {
        var app = await CreateAsync(provider, environment, settings);
        app.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        app.StartServer();
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        app.Address = new Uri(addresses.Single());
        return app;
    }

    /// <summary>Where a server started by <see cref="StartServerAsync"/> listens.</summary>
    public Uri? Address { get; private set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Database:Provider", _provider);
        builder.UseSetting("ConnectionStrings:Guohe", _connectionString);
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("App:PublicUrl", "https://localhost");
        builder.UseSetting("Reminders:Enabled", "false"); // a test turns the hourly service on when it is the subject
        builder.UseSetting("Obligations:JobEnabled", "false"); // likewise the obligations job
        builder.UseSetting("Audit:PurgeJobEnabled", "false"); // and the audit purge (a test advancing the clock would set it off)
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<ILoggerProvider>(Logs);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddress>(); // a client address, as a socket would give
        });
    }

    /// <summary>A scope for arranging and asserting directly on the database.</summary>
    public async Task<T> WithDbAsync<T>(Func<GuoheDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<GuoheDbContext>(), scope.ServiceProvider);
    }

    public Task WithDbAsync(Func<GuoheDbContext, IServiceProvider, Task> work) =>
        WithDbAsync(async (db, sp) =>
        {
            await work(db, sp);
            return true;
        });

    public PageClient Browse() => new(CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    }));

    public override async ValueTask DisposeAsync()
    {
        // The host does not dispose the environment's file providers. The web root one watches wwwroot (asp-append-version)
        // with an inotify instance that would live until some later GC; Linux allows 128 per user, and the suite hits that.
        var environment = Services.GetRequiredService<IWebHostEnvironment>();
        var fileProviders = new[] { environment.WebRootFileProvider, environment.ContentRootFileProvider };
        await base.DisposeAsync();
        foreach (var fileProvider in fileProviders.SelectMany(p => p is CompositeFileProvider c ? c.FileProviders : [p]).OfType<IDisposable>())
        {
            fileProvider.Dispose();
        }
        if (_provider == Databases.Postgres)
        {
            await Databases.DropPostgresDatabaseAsync(_connectionString);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a file still open on this platform: the temp folder is cleaned by the OS
        }
    }
}

/// <summary>The in-memory test server gives requests no remote address; a real socket always does (audit records carry it).</summary>
internal sealed class ClientAddress : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        app.Use(nextMiddleware => context =>
        {
            context.Connection.RemoteIpAddress ??= System.Net.IPAddress.Parse("192.0.2.7");
            return nextMiddleware(context);
        });
        next(app);
    };
}
