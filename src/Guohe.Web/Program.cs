using Guohe.Web;
using Guohe.Web.Api;
using Guohe.Web.Audit;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Guohe.Web.Mail;
using Microsoft.AspNetCore.Localization;

// Guohe's composition root, top to bottom: configuration, services, database, commands, pipeline, endpoints.
var (command, commandArgs, hostArgs) = Commands.Split(args);
try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs });
    var configuration = builder.Configuration;
    var services = builder.Services;
    if (!builder.Environment.IsDevelopment())
    {
        builder.Logging.ClearProviders().AddJsonConsole(o => o.UseUtcTimestamp = true);
    }

    // Storage and database (DESIGN.md, Data): one DbContext, provider by Database:Provider.
    var storage = Storage.From(configuration, builder.Environment);
    if (!builder.Environment.IsDevelopment() && string.IsNullOrWhiteSpace(configuration["App:PublicUrl"]))
    {
        // Links in e-mails (password reset!) must never be built from a Host header an attacker can send.
        throw new StartupException("请配置 App:PublicUrl（本系统对外访问地址，如 https://guohe.example.org），用于邮件中的链接。",
            "Set App:PublicUrl (the public address, e.g. https://guohe.example.org); links in e-mails are built from it.");
    }
    var provider = Database.Provider(configuration);
    var connectionString = Database.ConnectionString(configuration, provider, storage.DataDirectory);
    services.AddSingleton(storage);
    services.AddSingleton(TimeProvider.System);
    var statements = configuration.GetValue("Bench:Enabled", false) ? new StatementCounter() : null; // bench/Guohe.Bench only
    services.AddGuoheDatabase(provider, connectionString, statements);
    services.AddGuoheKeyRing(configuration); // in the database; encrypted with Security:KeyCertificate when set
    services.AddGuoheFiles(configuration); // filing documents: Files:MaxBytes, files folder, ID copies encrypted
    services.AddGuoheAudit(configuration); // hash-chained audit log: Audit:RetentionDays (≥ 186), daily purge, exports recorded (docs/decisions/0010)
    services.AddGuoheAnnouncements(configuration); // 公示: Announcements:DefaultDays, objection limit per IP, challenge
    // HSTS for a year (ASVS 3.4.1; QUALITY.md, headers): ASP.NET Core's default is 30 days. Security:HstsDays changes it.
    services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(configuration.GetValue("Security:HstsDays", 365)));
    services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

    // Accounts, roles, sessions, second factor (QUALITY.md).
    services.AddGuoheIdentity(configuration);
    services.AddScoped<AccountMail>();
    services.AddScoped<Guohe.Web.Notifications.Notifier>();
    services.AddSingleton<Guohe.Web.Notifications.UnreadCounts>(); // the bell's count, kept until notifications change
    services.AddScoped<Guohe.Web.Notifications.VisitReminders>();
    if (configuration.GetValue("Reminders:Enabled", true))
    {
        services.AddHostedService<Guohe.Web.Notifications.VisitReminderService>(); // experts 3 days before a visit
    }
    services.AddMemoryCache();
    services.AddSingleton<Guohe.Web.Features.Office.Statistics.StatisticsCache>(); // Statistics:CacheSeconds, cleared when a decision is confirmed
    services.AddScoped<Guohe.Web.Notifications.ObligationJob>();
    if (configuration.GetValue("Obligations:JobEnabled", true))
    {
        services.AddHostedService<Guohe.Web.Notifications.ObligationJobService>(); // obligations due, reminders 30/7/1 days and overdue
    }

    // Mail: SMTP when Mail:Smtp:Host is set, otherwise the outbox folder.
    services.Configure<MailOptions>(configuration.GetSection("Mail"));
    services.AddSingleton<Outbox>();
    if (string.IsNullOrWhiteSpace(configuration["Mail:Smtp:Host"]))
    {
        services.AddSingleton<IMailSender>(sp => sp.GetRequiredService<Outbox>());
    }
    else
    {
        services.AddSingleton<IMailSender, SmtpMailSender>();
    }

    // Pages in Chinese first, English second.
    services.AddLocalization(o => o.ResourcesPath = "Resources");
    services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
        o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All)); // Chinese as text, not &#x…;
    services.Configure<RequestLocalizationOptions>(o =>
    {
        o.SetDefaultCulture(Cultures.Chinese).AddSupportedCultures(Cultures.All).AddSupportedUICultures(Cultures.All);
        o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
    });
    services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.AuthorizeRoleFolders();
        })
        .AddViewLocalization()
        .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
    services.AddInputCleaning(); // no control or bidi-override characters from any form or JSON body (issue 9)
    services.AddGuoheApi(configuration); // /api/v1: personal access tokens, per-token rate limit, OpenAPI (docs/decisions/0007)
    services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>().Configure<Microsoft.Extensions.Localization.IStringLocalizerFactory>(Cultures.LocalizeModelBinding);

    var app = builder.Build();

    if (command is not null && Commands.RunsBeforeMigration(command))
    {
        return await Commands.RunAsync(app, command, commandArgs); // backup, restore
    }
    await DatabaseStartup.PrepareAsync(app, provider, connectionString);
    if (command is not null)
    {
        return await Commands.RunAsync(app, command, commandArgs);
    }
    await Guohe.Web.Files.OrphanSweep.RunAsync(app.Services); // files left without a row by a crash mid-upload

    app.UseMiddleware<SecurityHeaders>();
    if (!app.Environment.IsDevelopment())
    {
        app.UseExceptionHandler("/Status/500");
        app.UseHsts();
    }
    app.UseStatusCodePagesWithReExecute("/Status/{0}");
    app.UseGuoheApiErrors(); // problem+json instead of status pages under /api
    app.UseStaticFiles();
    app.UseRequestLocalization();
    app.UseRouting();
    app.UseRateLimiter();
    app.UseAuthentication();
    app.UseMiddleware<RequestLogging>();
    app.UseMiddleware<AccountGate>();
    app.UseAuthorization();

    // Every endpoint states who may call it, so a forgotten one is caught (issue 9; ASVS 8.1.1; tests/Guohe.Tests/Security/AuthorizationMatrixTests).
    app.MapHealthChecks("/healthz").AllowAnonymous();
    app.MapRazorPages();
    app.MapGuoheApi();
    app.MapGet("/api", () => Results.Redirect("/api/reference")).AllowAnonymous().ExcludeFromDescription(); // the reference page
    app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
    if (app.Configuration.GetValue("Bench:Enabled", false))
    {
        // The bare endpoint the speed bars are a ratio to (QUALITY.md, Speed): same process, same pipeline, no work.
        // Mapped only for benchmark runs (bench/Guohe.Bench sets Bench:Enabled=true); never in a normal run.
        app.MapGet("/_bench/plain", () => "ok");
        app.MapGet("/_bench/statements", () => statements!.Count); // SQL commands sent so far, for statements per request
    }

    app.Lifetime.ApplicationStarted.Register(() => Banner.Print(app));
    await app.RunAsync();
    return 0;
}
catch (StartupException e)
{
    await Console.Error.WriteLineAsync($"国合启动失败：{e.Zh}\nGuohe could not start: {e.En}");
    return 1;
}

/// <summary>Lets the test project start the real application.</summary>
public partial class Program;
