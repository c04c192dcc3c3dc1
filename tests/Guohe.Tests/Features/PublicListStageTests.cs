using Guohe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Life = Guohe.Tests.Features.DesignationLifeTests.Life;

namespace Guohe.Tests.Features;

/// <summary>The public list filtered by stage (Art. 11(7), 13(3)): a base under 国合孵化基地, not under 试点单位; a pilot the other way round.</summary>
public sealed class PublicListStageTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Each_stage_lists_its_own_units(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var life = await Life.ArrangeAsync(app);
        using var visitor = app.Browse();
        Assert.Contains(life.UnitName, (await visitor.GetAsync("/Units?stage=pilot")).Body);
        Assert.DoesNotContain(life.UnitName, (await visitor.GetAsync("/Units?stage=base")).Body);

        // The base granted (Art. 13(3)) is the subject of DesignationLifeTests; here only the stored stage matters.
        await app.WithDbAsync(async (db, _) => await db.Database.ExecuteSqlRawAsync("UPDATE \"Designations\" SET \"Status\" = 'Base'"));
        Assert.Contains(life.UnitName, (await visitor.GetAsync("/Units?stage=base")).Body);
        Assert.Contains(life.UnitName, (await visitor.GetAsync("/Units")).Body);
        Assert.DoesNotContain(life.UnitName, (await visitor.GetAsync("/Units?stage=pilot")).Body);
    }
}
