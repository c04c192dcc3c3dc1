using Guohe.Web.Features.Announcements;

namespace Guohe.Web;

/// <summary>Registration of announcements (公示, Art. 11(7)); in the root namespace so Program.cs needs no extra using.</summary>
public static class AnnouncementsSetup
{
    /// <summary>The objection guard and its <c>Announcements</c> settings.</summary>
    public static IServiceCollection AddGuoheAnnouncements(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AnnouncementOptions>(configuration.GetSection("Announcements"));
        return services.AddSingleton<ObjectionGuard>();
    }
}
