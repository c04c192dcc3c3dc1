using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Web.Data;
using Guohe.Web.Documents;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using DomainApplication = Guohe.Domain.Applications.Application;

namespace Guohe.Web.Features.Files;

/// <summary>
/// The letters and certificates as Word files, ready to stamp: <c>opinion</c> (审核意见函 of an application, Art. 11(6)),
/// <c>pilot</c> and <c>base</c> (授牌 of a designation, Art. 11(6), 13(3)) and <c>notice</c> (通报, a confirmed public-notice
/// decision, Art. 14). For those who may see the application or designation; anyone else, or a document not yet issued, gets 404.
/// The unit (and anyone else outside the office and the associations) gets the letter only once the application is decided,
/// and a certificate only while its designation stands.
/// </summary>
[Authorize]
public sealed partial class LetterModel(GuoheDbContext db, TimeProvider clock, ILogger<LetterModel> logger) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string kind, Guid id)
    {
        var aborted = HttpContext.RequestAborted;
        var document = kind switch
        {
            "opinion" => await OpinionAsync(id, aborted),
            "pilot" or "base" => await CertificateAsync(id, kind == "base", aborted),
            "notice" => await NoticeAsync(id, aborted),
            _ => null,
        };
        if (document is null)
        {
            LogRefused(logger, User.Id(), User.Role()?.ToString() ?? "-", kind, id);
            return NotFound();
        }
        return WordFile.Result(document.Value.Bytes, document.Value.Name);
    }

    private async Task<(byte[] Bytes, string Name)?> OpinionAsync(Guid applicationId, CancellationToken aborted)
    {
        if (!await ApplicationAccess.MaySeeAsync(db, User, applicationId, aborted))
        {
            return null;
        }
        var application = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == applicationId, aborted);
        // Art. 11(6): the letter goes to the unit with the decision; before it, only the office and the associations read it.
        var decided = application.Status is ApplicationStatus.Approved or ApplicationStatus.NotApproved;
        if (application.ReviewOpinionLetter is not { } letter || (!decided && !IsStaff))
        {
            return null;
        }
        var proposals = await db.Decisions.AsNoTracking().Where(d => d.ApplicationId == applicationId && d.Kind == DecisionKind.GrantPilot).ToListAsync(aborted);
        return (Letters.ReviewOpinion(application.OrganisationName, application.Number, letter, LetterDate(application, proposals)), $"审核意见函-{application.OrganisationName}");
    }

    /// <summary>
    /// The letter's date: the day the associations granted the title, the day the office issued its non-approval, or, while
    /// the grant waits for the associations, the day the office proposed it.
    /// </summary>
    private DateOnly LetterDate(DomainApplication application, IReadOnlyList<Decision> proposals) => application.Status switch
    {
        ApplicationStatus.Approved when proposals.FirstOrDefault(d => d.Status == DecisionStatus.Confirmed)?.DecisionDate is { } granted => granted,
        ApplicationStatus.NotApproved when application.ClosedAtUtc is { } closed => ChinaTime.DateOf(closed),
        _ => ChinaTime.DateOf(proposals.MaxBy(d => d.ProposedAtUtc)?.ProposedAtUtc ?? clock.GetUtcNow().UtcDateTime),
    };

    private async Task<(byte[] Bytes, string Name)?> CertificateAsync(Guid designationId, bool asBase, CancellationToken aborted)
    {
        if (!await ApplicationAccess.MaySeeDesignationAsync(db, User, designationId, aborted))
        {
            return null;
        }
        var designation = await db.Designations.AsNoTracking().SingleAsync(d => d.Id == designationId, aborted);
        var date = asBase ? designation.BaseGrantedOn : designation.RecognitionDate;
        // A certificate is printed for a title that stands; the office keeps the record of one that was cancelled or revoked.
        if (date is null || (designation.IsEnded && !IsStaff))
        {
            return null;
        }
        var number = designation.ApplicationId is { } applicationId
            ? await db.Applications.AsNoTracking().Where(a => a.Id == applicationId).Select(a => a.Number).SingleOrDefaultAsync(aborted)
            : null;
        return (Letters.Certificate(designation.OrganisationName, asBase, date.Value, number), $"{(asBase ? "基地" : "试点单位")}证书-{designation.OrganisationName}");
    }

    private async Task<(byte[] Bytes, string Name)?> NoticeAsync(Guid decisionId, CancellationToken aborted)
    {
        var designationId = await db.Decisions.AsNoTracking()
            .Where(d => d.Id == decisionId && d.Kind == DecisionKind.PublicNotice && d.Status == DecisionStatus.Confirmed)
            .Select(d => d.DesignationId).SingleOrDefaultAsync(aborted);
        if (designationId is not { } id || !await ApplicationAccess.MaySeeDesignationAsync(db, User, id, aborted))
        {
            return null;
        }
        var designation = await db.Designations.AsNoTracking().SingleAsync(d => d.Id == id, aborted);
        var notice = designation.PublicNotices.SingleOrDefault(n => n.DecisionId == decisionId);
        return notice is null ? null : (Letters.PublicNotice(designation.OrganisationName, notice.Text, notice.On), $"通报-{designation.OrganisationName}-{ChinaTime.Iso(notice.On)}");
    }

    /// <summary>The office, the associations and the auditor, who keep the records whatever their state.</summary>
    private bool IsStaff => User.Role() is Role.Office or Role.Association or Role.Auditor;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Letter download refused: user {UserId} ({Role}) asked for {Kind} {Id}")]
    private static partial void LogRefused(ILogger logger, Guid userId, string role, string kind, Guid id);
}
