using Guohe.Web.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Guohe.Web.Infrastructure;

/// <summary>What a newcomer needs after <c>dotnet run</c>: where to open the app and how to sign in.</summary>
internal static class Banner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var storage = app.Services.GetRequiredService<Storage>();
        Console.WriteLine();
        Console.WriteLine("国合孵化基地管理系统 Guohe is running / 已启动");
        foreach (var address in addresses)
        {
            Console.WriteLine($"  打开 Open: {address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal)}");
        }
        Console.WriteLine($"  数据 Data: {storage.DataDirectory}");
        if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Demo:Seed", true))
        {
            Console.WriteLine($"  演示账号 Demo sign-ins (password / 密码 {DevSeed.DemoPassword}):");
            foreach (var (email, role) in DevSeed.DemoAccounts)
            {
                Console.WriteLine($"    {role,-12} {email}");
            }
            Console.WriteLine("  发出的邮件见 Mail goes to: data/outbox (管理员 → 发件箱 / Admin → Outbox)");
        }
        Console.WriteLine();
    }
}
