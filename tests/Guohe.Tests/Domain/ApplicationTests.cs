using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Organisations;
using Guohe.Tests.Support;

namespace Guohe.Tests.Domain;

public class ApplicationTests
{
    [Fact]
    public void Application_create_copies_the_organisation_profile()
    {
        var world = new World();

        var application = An.Application(world).Created();

        Assert.Equal(ApplicationStatus.Draft, application.Status);
        Assert.Equal(world.Organisation.Uscc, application.Uscc);
        Assert.Equal(world.Organisation.Profile, application.Profile);
        Assert.NotSame(world.Organisation.Profile, application.Profile);
        Assert.Equal("张联络", application.Contact.Name);
    }

    [Fact]
    public void CheckSubmit_empty_draft_lists_every_missing_field_and_document()
    {
        var world = new World();
        var application = An.Application(world).Created();
        application.EditDraft(People.Applicant, world.Now, new ApplicationForm(
            "", UnitProfile.Empty, [], PersonRow.Empty, [], PersonRow.Empty, ApplicantIntroduction.Empty, false, ApplicationRoute.Recommended, null));

        var problems = application.CheckSubmit(world.Now, world.Context(documents: new HashSet<FilingDocumentKind>()));

        var fields = problems.Select(p => p.Field).ToHashSet();
        Assert.Contains("OrganisationName", fields);
        Assert.Contains("Profile.Website", fields);
        Assert.Contains("Profile.Level", fields);
        Assert.Contains("Countries", fields);
        Assert.Contains("UnitHead.Mobile", fields);
        Assert.Contains("MainPersons", fields);
        Assert.Contains("Contact.Email", fields);
        Assert.Contains("Introduction.Platforms", fields);
        Assert.Contains("Declaration", fields);
        Assert.Contains("RecommenderOrganisationId", fields);
        Assert.Equal(3, problems.Count(p => p.Code == "submit.document"));
        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Zh) || string.IsNullOrWhiteSpace(p.En)));
    }

    [Fact]
    public void CheckSubmit_complete_draft_in_open_batch_has_no_problems()
    {
        var world = new World();
        var application = An.Application(world).Draft();

        Assert.Empty(application.CheckSubmit(world.Now, world.Context()));
    }

    [Fact]
    public void CheckSubmit_unit_below_provincial_level_is_refused_under_article_10()
    {
        var world = new World();
        var application = An.Application(world).Draft();
        var form = World.CompleteForm() with { Profile = World.CompleteProfile() with { Level = UnitLevel.Other } };
        application.EditDraft(People.Applicant, world.Now, form);

        var problem = Assert.Single(application.CheckSubmit(world.Now, world.Context()));

        Assert.Equal("submit.level", problem.Code);
        Assert.Contains("第十条", problem.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckSubmit_closed_batch_and_other_open_application_are_listed()
    {
        var world = new World();
        var application = An.Application(world).Draft();
        world.AdvanceDays(200);

        var codes = application.CheckSubmit(world.Now, world.Context(otherOpen: true)).Select(p => p.Code).ToList();

        Assert.Equal(["submit.batch.closed", "submit.open-application"], codes);
    }

    [Fact]
    public void Submit_incomplete_throws_with_all_problems_and_records_nothing()
    {
        var world = new World();
        var application = An.Application(world).Created();

        var ex = Assert.Throws<DomainException>(() => application.Submit(People.Applicant, world.Now, world.Context()));

        Assert.True(ex.Problems.Count > 5);
        Assert.Equal(ApplicationStatus.Draft, application.Status);
        Assert.Equal(1, application.HistoryLength);
        Assert.Null(application.Number);
    }

    [Fact]
    public void Submit_assigns_a_number_once()
    {
        var world = new World();
        var application = An.Application(world).Submitted();

        Assert.Matches(@"^GH-2026-\d{4}$", application.Number);
    }

    [Fact]
    public void EditDraft_invalid_country_code_is_reported_at_submit()
    {
        var world = new World();
        var application = An.Application(world).Draft();
        application.EditDraft(People.Applicant, world.Now, World.CompleteForm() with { Countries = ["de", "Germany"] });

        var problem = Assert.Single(application.CheckSubmit(world.Now, world.Context()));

        Assert.Equal("countries.code", problem.Code);
        Assert.Equal(["DE", "GERMANY"], application.Countries.Select(c => c.Code));
    }

    [Fact]
    public void Decline_without_opinion_is_refused()
    {
        var world = new World();
        var application = An.Application(world).AwaitingRecommendation();

        Assert.Throws<DomainException>(() => application.Decline(People.Recommender, world.Now, " "));

        Assert.Equal(ApplicationStatus.AwaitingRecommendation, application.Status);
    }

    [Fact]
    public void CompleteOpinions_before_every_expert_filed_is_refused()
    {
        var world = new World();
        var application = An.Application(world).InSiteVisit();
        var visit = world.VisitOf(application.Id);
        visit.DeclareNoConflict(People.Expert1, world.Now);
        visit.FileOpinion(People.Expert1, world.Now, World.GoodScores, Guohe.Domain.Reviews.OverallRecommendation.Recommend, "同意。");

        var ex = Assert.Throws<DomainException>(() => application.CompleteOpinions(People.Expert1, world.Now, visit));

        Assert.Equal("opinions.incomplete", ex.Problem.Code);
        Assert.Contains(People.Expert2.Name, ex.Problem.Zh, StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.SiteVisit, application.Status);
    }

    [Fact]
    public void History_records_actor_time_opinion_and_attachments()
    {
        var world = new World();
        var application = An.Application(world).Submitted();
        var letter = Guid.CreateVersion7(world.Now);

        application.ReturnForRevision(People.Office, world.Now, "请补充材料。", [letter]);

        var record = application.PendingHistory[^1];
        Assert.Equal(("Application", People.Office.UserId, People.Office.Name, Role.Office), (record.AggregateType, record.ActorUserId, record.ActorName, record.Role));
        Assert.Equal(world.Now, record.AtUtc);
        Assert.Equal("请补充材料。", record.Opinion);
        Assert.Equal([letter], record.Attachments());
        application.ClearPendingHistory();
        Assert.Empty(application.PendingHistory);
    }
}
