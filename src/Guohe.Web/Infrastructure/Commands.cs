using Guohe.Domain.Common;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Identity;

namespace Guohe.Web.Infrastructure;

/// <summary>
/// Commands run instead of the web server: <c>dotnet run --project src/Guohe.Web -- create-admin --email … --name …</c>,
/// <c>-- audit verify</c>, <c>-- audit purge</c>.
/// </summary>
internal static class Commands
{
    private static readonly string[] Known = ["create-admin", "audit", "backup", "restore"];

    /// <summary>Commands that run on the database as it is: no migration, no demo data first (a restore may bring its own schema).</summary>
    public static bool RunsBeforeMigration(string command) => command is "backup" or "restore";

    public static (string? Command, string[] CommandArgs, string[] HostArgs) Split(string[] args) =>
        args.Length > 0 && Known.Contains(args[0]) ? (args[0], args[1..], []) : (null, [], args);

    public static async Task<int> RunAsync(WebApplication app, string command, string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return command switch
        {
            "create-admin" => await CreateAdminAsync(scope.ServiceProvider, args),
            "audit" => await Audit.AuditCommands.RunAsync(scope.ServiceProvider, args), // audit verify | audit purge (docs/decisions/0010)
            "backup" or "restore" => await BackupCommand.RunAsync(scope.ServiceProvider, command, args), // Infrastructure/Backup.cs
            _ => 2,
        };
    }

    private static async Task<int> CreateAdminAsync(IServiceProvider services, string[] args)
    {
        var email = Option(args, "--email");
        var name = Option(args, "--name") ?? "系统管理员";
        if (string.IsNullOrWhiteSpace(email))
        {
            await Console.Error.WriteLineAsync("用法 Usage: create-admin --email admin@example.org [--name 张三]");
            return 2;
        }
        var users = services.GetRequiredService<UserManager<GuoheUser>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var (user, password, errors) = await Accounts.CreateByAdministratorAsync(users, email, name, Role.Admin, null, now);
        if (user is null)
        {
            await Console.Error.WriteLineAsync("未能创建管理员 The administrator was not created: " + string.Join("; ", errors.Select(e => e.Description)));
            return 1;
        }
        Console.WriteLine($"已创建管理员 Administrator created: {user.Email}");
        Console.WriteLine($"临时密码 Temporary password (shown once): {password}");
        Console.WriteLine("首次登录须修改密码并绑定身份验证器。At first sign-in the password must be changed and an authenticator app enrolled.");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
