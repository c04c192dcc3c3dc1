using System.Net;
using Guohe.Domain.Common;
using Guohe.Tests.Support;
using Guohe.Web.Identity;

namespace Guohe.Tests.Features;

/// <summary>Folder-level authorization: each role's pages open for that role only (SPEC §1; DESIGN.md, Web).</summary>
public sealed class RoleFolderTests
{
    public static TheoryData<string, Role> RolesOnBothDatabases()
    {
        var data = new TheoryData<string, Role>();
        foreach (var provider in new[] { Databases.Sqlite, Databases.Postgres })
        {
            foreach (var role in Roles.All)
            {
                data.Add(provider, role);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RolesOnBothDatabases))]
    public async Task Role_opens_its_own_folder_and_gets_403_in_every_other(string provider, Role role)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var user = await app.CreateAsync(role, twoFactor: Roles.StaffRoles.Contains(role));
        using var client = app.Browse();
        var key = Roles.StaffRoles.Contains(role) ? await app.AuthenticatorKeyAsync(user.Id) : null;
        var home = await client.SignInAsync(user.Email!, totpKey: key);
        Assert.Equal(Roles.Folder(role), home.Path);

        foreach (var other in Roles.All)
        {
            var response = await client.Http.GetAsync(Roles.Folder(other));
            Assert.True(
                (other == role ? HttpStatusCode.OK : HttpStatusCode.Forbidden) == response.StatusCode,
                $"{role} opening {Roles.Folder(other)} got {(int)response.StatusCode}");
        }
        var forbidden = await client.GetAsync(Roles.Folder(role == Role.Admin ? Role.Office : Role.Admin));
        Assert.Contains("无权访问", forbidden.Body);
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in_from_every_role_folder()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        using var client = app.Browse();
        foreach (var role in Roles.All)
        {
            var response = await client.Http.GetAsync(Roles.Folder(role));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Admin_account_pages_refuse_the_auditor_and_the_office()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        foreach (var role in new[] { Role.Auditor, Role.Office })
        {
            var user = await app.CreateAsync(role, twoFactor: true);
            using var client = app.Browse();
            await client.SignInAsync(user.Email!, totpKey: await app.AuthenticatorKeyAsync(user.Id));
            Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync("/Admin/Accounts/Create")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync($"/Admin/Accounts/Edit/{user.Id}")).StatusCode);
        }
    }
}
