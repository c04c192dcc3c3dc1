using Guohe.Tests.Support;
using Guohe.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Data;

public sealed class DemoSeedTests
{
    [Fact]
    public async Task Development_seeds_one_demo_account_per_role_and_each_can_sign_in()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite, "Development", new()
        {
            ["Security:CookieName"] = "__Host-Guohe", // the test client speaks HTTPS
            ["Security:SecureCookies"] = "true",
        });
        Assert.Equal(DevSeed.DemoAccounts.Count, await app.WithDbAsync(async (db, _) => await db.Users.CountAsync()));
        Assert.True(await app.WithDbAsync(async (db, _) => await db.Organisations.CountAsync()) >= 2);

        foreach (var (email, role) in DevSeed.DemoAccounts)
        {
            using var client = app.Browse();
            var home = await client.SignInAsync(email, DevSeed.DemoPassword);
            Assert.Equal(Guohe.Web.Identity.Roles.Folder(role), home.Path);
        }
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Testing")]
    public async Task Outside_development_no_demo_account_exists(string environment)
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite, environment);
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.Users.CountAsync()));
        Assert.Equal(7, await app.WithDbAsync(async (db, _) => await db.Roles.CountAsync()));
    }
}
