using Guohe.Domain.Announcements;
using Guohe.Domain.Common;
using Guohe.Tests.Support;

namespace Guohe.Tests.Domain;

/// <summary>The publicity period of an announcement (公示, Art. 11(7)) runs in Beijing dates, from 00:00 of the first day to 24:00 of the last.</summary>
public sealed class AnnouncementDomainTests
{
    private static readonly DateOnly Start = new(2026, 3, 2);

    /// <summary>A published announcement of 2026-03-02 to 2026-03-08 (seven days), published the day before.</summary>
    private static Announcement Published()
    {
        var announcement = Announcement.Draft(People.Office, ChinaTime.StartOfDayUtc(Start.AddDays(-1)), new AnnouncementText("公示", "名单", null, Start, 7));
        announcement.Publish(People.Office, ChinaTime.StartOfDayUtc(Start.AddDays(-1)));
        return announcement;
    }

    private static readonly ObjectionText Text = new("李异议", "li@example.com", "有异议。");

    [Fact]
    public void Objections_are_accepted_from_the_first_Beijing_midnight_to_the_last_one()
    {
        var announcement = Published();
        Assert.Equal(new DateOnly(2026, 3, 8), announcement.EndsOn);
        var opens = ChinaTime.StartOfDayUtc(Start); // 2026-03-01 16:00 UTC
        var ends = ChinaTime.StartOfDayUtc(Start.AddDays(7));
        Assert.Equal("objection.early", Assert.Throws<DomainException>(() => Objection.File(announcement, opens.AddTicks(-1), Text, "h")).Problem.Code);
        Assert.Equal(announcement.Id, Objection.File(announcement, opens, Text, "h").AnnouncementId);
        Assert.Equal(announcement.Id, Objection.File(announcement, ends.AddTicks(-1), Text, "h").AnnouncementId);
        Assert.Equal("objection.late", Assert.Throws<DomainException>(() => Objection.File(announcement, ends, Text, "h")).Problem.Code);
    }

    [Theory]
    [InlineData("", "li@example.com", "有异议。", "objection.name")]
    [InlineData("李异议", "not a contact", "有异议。", "objection.contact")]
    [InlineData("李异议", "123", "有异议。", "objection.contact")]
    [InlineData("李异议", "+86 139-1234-5678", "", "objection.text")]
    public void Objection_without_a_name_a_valid_contact_or_a_text_is_refused(string name, string contact, string text, string code)
    {
        var error = Assert.Throws<DomainException>(() => Objection.File(Published(), ChinaTime.StartOfDayUtc(Start), new ObjectionText(name, contact, text), "h"));
        Assert.Contains(error.Problems, p => p.Code == code);
    }

    [Fact]
    public void Published_announcement_is_not_edited_a_past_one_not_published_and_only_the_office_acts()
    {
        var announcement = Published();
        Assert.Throws<DomainException>(() => announcement.Edit(People.Office, ChinaTime.StartOfDayUtc(Start), new AnnouncementText("新", "新", null, Start, 7)));
        var past = Announcement.Draft(People.Office, ChinaTime.StartOfDayUtc(Start.AddDays(10)), new AnnouncementText("公示", "名单", null, Start, 7));
        Assert.Equal("announcement.past", Assert.Throws<DomainException>(() => past.Publish(People.Office, ChinaTime.StartOfDayUtc(Start.AddDays(10)))).Problem.Code);
        Assert.Throws<DomainException>(() => Announcement.Draft(People.Association, ChinaTime.StartOfDayUtc(Start), new AnnouncementText("公示", "名单", null, Start, 7)));
        Assert.Throws<DomainException>(() => Announcement.Draft(People.Office, ChinaTime.StartOfDayUtc(Start), new AnnouncementText("公示", "名单", null, Start, 0)));
    }

    [Fact]
    public void Closing_needs_the_period_over_every_objection_handled_and_a_statement_and_ends_handling()
    {
        var announcement = Published();
        var objection = Objection.File(announcement, ChinaTime.StartOfDayUtc(Start), Text, "h");
        var after = ChinaTime.StartOfDayUtc(Start.AddDays(7));
        Assert.Equal("announcement.open", Assert.Throws<DomainException>(() => announcement.Close(People.Office, after.AddTicks(-1), "结果", 0)).Problem.Code);
        Assert.Equal("announcement.unhandled", Assert.Throws<DomainException>(() => announcement.Close(People.Office, after, "结果", 1)).Problem.Code);
        objection.Handle(People.Office, after, announcement, ObjectionOutcome.NotUpheld, "经核实不成立。");
        Assert.Equal((People.Office.Name, after), (objection.HandledByName, objection.HandledAtUtc));
        Assert.Equal("announcement.statement", Assert.Throws<DomainException>(() => announcement.Close(People.Office, after, " ", 0)).Problem.Code);
        announcement.Close(People.Office, after, "公示期满，无异议成立。", 0);
        Assert.Equal(AnnouncementStatus.Closed, announcement.Status);
        Assert.Equal("objection.closed", Assert.Throws<DomainException>(() => objection.Handle(People.Office, after, announcement, ObjectionOutcome.Upheld, "改")).Problem.Code);
        Assert.Equal(["CreateAnnouncement", "PublishAnnouncement", "CloseAnnouncement"], announcement.PendingHistory.Select(r => r.Trigger));
    }
}
