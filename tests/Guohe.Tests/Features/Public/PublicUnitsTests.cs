using System.Net;
using Guohe.Domain.Applications;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.Organisations;
using Guohe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Public;

/// <summary>
/// The public list of pilot units and bases (Art. 11(7), 17) against the test data: only designated units (pilot, in acceptance,
/// extended, base), filtered by stage, province, type, level and key field (Art. 15) exactly as LINQ over the objects says;
/// no personal data of the unit's people on the list or the unit's page.
/// </summary>
public sealed class PublicUnitsTests
{
    internal sealed record Seeded(List<Organisation> Organisations, List<Designation> Designations, Organisation Applying)
    {
        public Organisation Of(Designation designation) => Organisations.Single(o => o.Id == designation.OrganisationId);
    }

    private static readonly DesignationStatus[] Listed = [DesignationStatus.Pilot, DesignationStatus.AcceptanceReview, DesignationStatus.Extended, DesignationStatus.Base];

    /// <summary>Units at every designation stage with varied profiles, and one organisation that has only applied.</summary>
    internal static async Task<Seeded> SeedAsync(GuoheApp app)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        (string Province, UnitType Type, UnitLevel Level, KeyFields Fields, DesignationStatus Status)[] units =
        [
            ("江苏省", UnitType.Park, UnitLevel.National, KeyFields.NewEnergy | KeyFields.NewMaterials, DesignationStatus.Pilot),
            ("北京市", UnitType.University, UnitLevel.Provincial, KeyFields.ElectronicInformation, DesignationStatus.AcceptanceReview),
            ("福建省", UnitType.Incubator, UnitLevel.Provincial, KeyFields.NewEnergy | KeyFields.ElectronicInformation, DesignationStatus.Extended),
            ("浙江省", UnitType.Enterprise, UnitLevel.Provincial, KeyFields.BioHealth, DesignationStatus.Base),
            ("广东省", UnitType.Incubator, UnitLevel.National, KeyFields.BioHealth | KeyFields.NewEnergy, DesignationStatus.Base),
            ("江苏省", UnitType.Incubator, UnitLevel.National, KeyFields.ModernAgriculture, DesignationStatus.Pilot),
            ("福建省", UnitType.Incubator, UnitLevel.Provincial, KeyFields.NewEnergy, DesignationStatus.Disqualified),
            ("江苏省", UnitType.Park, UnitLevel.National, KeyFields.NewMaterials, DesignationStatus.Cancelled),
            ("北京市", UnitType.University, UnitLevel.Provincial, KeyFields.BioHealth, DesignationStatus.Revoked),
        ];
        World? first = null;
        var organisations = new List<Organisation>();
        var designations = new List<Designation>();
        var applications = new List<Application>();
        var obligations = new List<Obligation>();
        for (var i = 0; i < units.Length; i++)
        {
            var (province, type, level, fields, status) = units[i];
            var world = new World(now, 301 + i, World.CompleteProfile() with { Province = province, UnitType = type, Level = level, KeyFields = fields });
            first ??= world;
            world.UseBatch(first.Batch);
            var (application, _, designation) = An.Application(world).Granted();
            var builder = A.Designation(world);
            switch (status)
            {
                case DesignationStatus.AcceptanceReview:
                    builder.EnterAcceptance(designation);
                    break;
                case DesignationStatus.Extended:
                    builder.EnterAcceptance(designation);
                    builder.Decide(designation, DecisionKind.Extend, "延长一年。");
                    break;
                case DesignationStatus.Base:
                    builder.EnterAcceptance(designation);
                    builder.Decide(designation, DecisionKind.GrantBase, "达到要求。");
                    break;
                case DesignationStatus.Disqualified:
                    builder.Decide(designation, DecisionKind.DisqualifyPilot, "未提交年度总结。");
                    break;
                case DesignationStatus.Cancelled:
                    builder.EnterAcceptance(designation);
                    builder.Decide(designation, DecisionKind.CancelPilot, "未达到要求。");
                    break;
                case DesignationStatus.Revoked:
                    builder.EnterAcceptance(designation);
                    builder.Decide(designation, DecisionKind.GrantBase, "达到要求。");
                    builder.Decide(designation, DecisionKind.RevokeBase, "严重违纪违规。", RevocationGround.SeriousViolation);
                    break;
            }
            Assert.Equal(status, designation.Status);
            organisations.Add(world.Organisation);
            designations.Add(designation);
            applications.Add(application);
            obligations.AddRange(builder.Obligations);
        }
        var applying = new World(now, 399, World.CompleteProfile() with { Province = "江苏省" }).UseBatch(first!.Batch);
        applications.Add(An.Application(applying).Submitted());
        organisations.Add(applying.Organisation);
        await app.WithDbAsync(async (db, _) =>
        {
            db.Batches.Add(first.Batch);
            db.Organisations.AddRange(organisations);
            db.Applications.AddRange(applications);
            db.Designations.AddRange(designations);
            db.Obligations.AddRange(obligations);
            await db.SaveChangesAsync();
        });
        return new Seeded(organisations, designations, applying.Organisation);
    }

    private static List<string> Names(Page page) =>
        [.. page.Html.QuerySelectorAll("#units tbody tr td:first-child").Select(c => c.TextContent.Trim()).Order(StringComparer.Ordinal)];

    private static List<string> Expected(Seeded seeded, Func<Designation, UnitProfile, bool> filter) =>
        [.. seeded.Designations.Where(d => Listed.Contains(d.Status) && filter(d, seeded.Of(d).Profile)).Select(d => d.OrganisationName).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_stage_filter_returns_exactly_the_pilot_units_or_the_bases(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var seeded = await SeedAsync(app);
        using var anyone = app.Browse();

        var both = await anyone.GetAsync("/Units");
        Assert.Equal(HttpStatusCode.OK, both.Status);
        Assert.Equal(Expected(seeded, (_, _) => true), Names(both));
        Assert.Equal(6, Names(both).Count);
        var bases = Names(await anyone.GetAsync("/Units?stage=base"));
        Assert.Equal(Expected(seeded, (d, _) => d.Status == DesignationStatus.Base), bases);
        Assert.Equal(2, bases.Count);
        var pilots = Names(await anyone.GetAsync("/Units?stage=pilot"));
        Assert.Equal(Expected(seeded, (d, _) => d.Status != DesignationStatus.Base), pilots);
        Assert.Equal(4, pilots.Count);
        Assert.Equal(Expected(seeded, (d, p) => d.Status == DesignationStatus.Base && p.Province == "浙江省"), Names(await anyone.GetAsync("/Units?stage=base&province=浙江省")));
        Assert.Equal(Expected(seeded, (d, p) => d.Status != DesignationStatus.Base && p.Province == "江苏省"), Names(await anyone.GetAsync("/Units?stage=pilot&province=江苏省")));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Type_level_key_field_and_search_filters_equal_the_counts_of_the_data(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var seeded = await SeedAsync(app);
        using var anyone = app.Browse();

        foreach (var type in Enum.GetValues<UnitType>())
        {
            Assert.Equal(Expected(seeded, (_, p) => p.UnitType == type), Names(await anyone.GetAsync($"/Units?type={type}")));
        }
        foreach (var level in Enum.GetValues<UnitLevel>())
        {
            Assert.Equal(Expected(seeded, (_, p) => p.Level == level), Names(await anyone.GetAsync($"/Units?level={level}")));
        }
        foreach (var (field, _) in KeyFieldNames.All)
        {
            Assert.Equal(Expected(seeded, (_, p) => p.KeyFields.HasFlag(field)), Names(await anyone.GetAsync($"/Units?field={field}")));
        }
        Assert.Equal(3, Names(await anyone.GetAsync("/Units?field=NewEnergy")).Count); // the disqualified NewEnergy unit is not listed
        Assert.Equal(Expected(seeded, (d, p) => d.Status == DesignationStatus.Base && p.KeyFields.HasFlag(KeyFields.NewEnergy) && p.Level == UnitLevel.National),
            Names(await anyone.GetAsync("/Units?stage=base&field=NewEnergy&level=National")));
        Assert.Single(Names(await anyone.GetAsync("/Units?stage=base&field=NewEnergy&level=National")));
        var one = seeded.Designations[0].OrganisationName;
        Assert.Equal([one], Names(await anyone.GetAsync($"/Units?search={Uri.EscapeDataString(one[^6..])}")));
        Assert.Contains("没有符合条件的单位", (await anyone.GetAsync("/Units?type=Incubator&level=National&field=BioHealth&province=浙江省")).Body);
        var odd = await anyone.GetAsync("/Units?type=Spaceport&field=Nothing&p=-3");
        Assert.Equal(HttpStatusCode.OK, odd.Status);
        Assert.Equal(Expected(seeded, (_, _) => true), Names(odd));

        // Each row links to the unit's public page.
        var list = await anyone.GetAsync("/Units");
        foreach (var designation in seeded.Designations.Where(d => Listed.Contains(d.Status)))
        {
            Assert.NotNull(list.Html.QuerySelector($"#units a[href='/Units/{designation.OrganisationId}']"));
        }
    }

    [Fact]
    public async Task The_list_is_paged()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var first = new World(now, 500);
        var worlds = Enumerable.Range(0, 23).Select(i => i == 0 ? first : new World(now, 500 + i).UseBatch(first.Batch)).ToList();
        var granted = worlds.Select(w => An.Application(w).Granted()).ToList();
        await app.WithDbAsync(async (db, _) =>
        {
            db.Batches.Add(first.Batch);
            db.Organisations.AddRange(worlds.Select(w => w.Organisation));
            db.Applications.AddRange(granted.Select(g => g.Application));
            db.Designations.AddRange(granted.Select(g => g.Designation));
            await db.SaveChangesAsync();
        });
        using var anyone = app.Browse();
        var page1 = await anyone.GetAsync("/Units");
        var page2 = await anyone.GetAsync("/Units?p=2");
        Assert.Equal(20, Names(page1).Count);
        Assert.Equal(3, Names(page2).Count);
        Assert.Empty(Names(page1).Intersect(Names(page2)));
        Assert.Contains("共23条", page1.Body);
    }
}
