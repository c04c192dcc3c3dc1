using Guohe.Domain.Common;
using Guohe.Domain.Organisations;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;

namespace Guohe.Tests.Domain;

/// <summary>The expert pool (Art. 5), conflicts of interest and the suggested team (issue 4).</summary>
public sealed class ExpertPoolTests
{
    private static readonly Uscc Applicant = Usccs.Make(1);
    private static readonly Uscc Other = Usccs.Make(2);

    private static ExpertDetails Details(string name = "王专家", string organisation = "福州大学", KeyFields fields = KeyFields.NewEnergy) => new()
    {
        Name = name, OrganisationName = organisation, Province = "福建省", Fields = fields, Email = "wang@example.cn",
        RecommendedBy = RecommendingAssociation.Cistc,
    };

    [Fact]
    public void Only_the_office_adds_an_expert_and_every_change_is_in_the_history_under_Art_5()
    {
        var world = new World();
        var refused = Assert.Throws<DomainException>(() => Expert.Add(People.Applicant, world.Now, Details()));
        var expert = Expert.Add(People.Office, world.Now, Details() with { Name = "  王专家 ", DeclaredConflicts = ["甲公司", " ", "甲公司"] });
        expert.Update(People.Office, world.Now, expert.Details, active: false, "退休");

        Assert.Equal("expert.role", refused.Problem.Code);
        Assert.Equal("王专家", expert.Details.Name);
        Assert.Equal(["甲公司"], expert.Details.DeclaredConflicts);
        Assert.False(expert.Active);
        Assert.Equal(["AddExpert", "DeactivateExpert"], expert.PendingHistory.Select(r => r.Trigger));
        Assert.All(expert.PendingHistory, r => Assert.Equal("Art. 5", r.Article));
        Assert.Equal("退休", expert.PendingHistory[1].Opinion);
    }

    [Fact]
    public void Incomplete_details_name_each_missing_item()
    {
        var empty = new ExpertDetails { OrganisationUscc = "123" };

        var codes = empty.Problems().Select(p => p.Code).ToList();

        Assert.Equal(["expert.name", "expert.organisation", "uscc.length", "expert.province", "expert.fields", "expert.contact"], codes.Select(c => c.StartsWith("uscc.", StringComparison.Ordinal) ? "uscc.length" : c));
        Assert.Contains(empty.Problems(), p => p.Field == "OrganisationUscc");
    }

    [Theory]
    [InlineData("福州大学", "", "福州大学", ConflictKinds.SameOrganisation)]
    [InlineData("福州 大学（旗山校区）", "", "福州大学旗山校区", ConflictKinds.SameOrganisation)]
    [InlineData("别的单位", "APPLICANT", "改了名的申请单位", ConflictKinds.SameOrganisation)]
    [InlineData("别的单位", "", "申请单位", ConflictKinds.None)]
    public void Same_organisation_is_found_by_normalised_name_or_by_USCC(string expertOrganisation, string expertUscc, string applicantName, ConflictKinds expected)
    {
        var expert = Expert.Add(People.Office, new World().Now, Details(organisation: expertOrganisation) with
        {
            OrganisationUscc = expertUscc == "APPLICANT" ? Applicant.Value! : expertUscc,
        });

        Assert.Equal(expected, expert.ConflictsWith(applicantName, Applicant, pastInvolvement: false));
    }

    [Fact]
    public void Declared_conflicts_match_by_name_or_USCC_and_past_involvement_adds_its_flag()
    {
        var now = new World().Now;
        var byName = Expert.Add(People.Office, now, Details() with { DeclaredConflicts = ["（厦门）国际孵化器"] });
        var byCode = Expert.Add(People.Office, now, Details() with { DeclaredConflicts = [Applicant.Value!] });

        Assert.Equal(ConflictKinds.Declared, byName.ConflictsWith("(厦门)国际孵化器", Other, false));
        Assert.Equal(ConflictKinds.Declared | ConflictKinds.PastInvolvement, byCode.ConflictsWith("任何名称", Applicant, true));
    }

    [Fact]
    public void Suggested_team_covers_the_fields_avoids_conflicts_and_prefers_the_less_loaded()
    {
        TeamCandidate Candidate(string name, KeyFields fields, int load, ConflictKinds conflicts = ConflictKinds.None) =>
            new(Guid.NewGuid(), name, fields, load, conflicts);
        var wanted = KeyFields.NewEnergy | KeyFields.BioHealth | KeyFields.ModernAgriculture;
        var candidates = new[]
        {
            Candidate("甲", KeyFields.NewEnergy | KeyFields.BioHealth, 5),
            Candidate("乙", KeyFields.NewEnergy | KeyFields.BioHealth | KeyFields.ModernAgriculture, 0, ConflictKinds.SameOrganisation),
            Candidate("丙", KeyFields.ModernAgriculture, 3),
            Candidate("丁", KeyFields.ModernAgriculture, 1),
            Candidate("戊", KeyFields.NewEnergy, 0),
        };

        var team = TeamSuggestion.Suggest(candidates, wanted, 3);

        Assert.Equal(["甲", "丁", "戊"], team.Select(t => t.Name));
        Assert.True(team[0].IsLeader);
        Assert.Single(team, t => t.IsLeader);
        Assert.Equal(KeyFields.None, TeamSuggestion.Uncoverable(candidates, wanted));
        Assert.Equal(KeyFields.NewMaterials, TeamSuggestion.Uncoverable(candidates, wanted | KeyFields.NewMaterials));
    }

    [Fact]
    public void A_flagged_member_needs_a_reason_and_an_expert_declares_no_conflict_before_filing()
    {
        var world = new World();
        var flagged = World.Team()[1] with { Conflicts = ConflictKinds.PastInvolvement };
        var refused = Assert.Throws<DomainException>(() =>
            SiteVisit.Schedule(People.Office, world.Now, SiteVisitPurpose.ApplicationReview, Guid.NewGuid(), world.Today, "现场", null, [World.Team()[0], flagged]));

        var visit = SiteVisit.Schedule(People.Office, world.Now, SiteVisitPurpose.ApplicationReview, Guid.NewGuid(), world.Today, "现场", null,
            [World.Team()[0], flagged with { OverrideReason = "该领域仅此一位专家" }]);
        visit.DeclareNoConflict(People.Expert1, world.Now);
        visit.DeclareNoConflict(People.Expert1, world.Now); // twice: no second record

        Assert.Equal("sitevisit.conflict", refused.Problem.Code);
        Assert.Contains("该领域仅此一位专家", visit.PendingHistory[0].Opinion);
        Assert.True(visit.HasDeclaredNoConflict(People.Expert1.UserId));
        Assert.False(visit.HasDeclaredNoConflict(People.Expert2.UserId));
        Assert.Equal(["Schedule", "DeclareNoConflict"], visit.PendingHistory.Select(r => r.Trigger));
        Assert.Throws<DomainException>(() => visit.DeclareNoConflict(People.Expert3, world.Now));
    }
}
