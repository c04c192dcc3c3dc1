using Guohe.Domain.Announcements;

namespace Guohe.Web.Features.Announcements;

/// <summary>Labels (resource keys) of an announcement's phase and an objection's outcome.</summary>
public static class AnnouncementLabels
{
    public static string Phase(AnnouncementPhase phase) => phase switch
    {
        AnnouncementPhase.Draft => "草稿",
        AnnouncementPhase.Upcoming => "未开始",
        AnnouncementPhase.Open => "公示中",
        AnnouncementPhase.Ended => "公示期已结束",
        _ => "已办结",
    };

    /// <summary>The CSS class of the phase badge.</summary>
    public static string Badge(AnnouncementPhase phase) => phase switch
    {
        AnnouncementPhase.Open => "text-bg-success",
        AnnouncementPhase.Upcoming => "text-bg-info",
        AnnouncementPhase.Ended => "text-bg-warning",
        _ => "text-bg-secondary",
    };

    public static string Outcome(ObjectionOutcome outcome) => ObjectionOutcomeNames.Zh(outcome);
}
