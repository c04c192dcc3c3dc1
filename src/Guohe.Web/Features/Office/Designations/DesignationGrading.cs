using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Web.Data;
using Guohe.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Office.Designations;

/// <summary>
/// 跟踪评价考核 and 表彰 of a base (Art. 14), whoever asks — the page <see cref="GradeModel"/> or the API
/// (docs/decisions/0008-rest-api.md): load the designation, record the year's grade with its opinion, commend the base; each
/// saves and tells the unit. Refusals are the domain's DomainException (not a base, a year already graded or out of range, no
/// text); a stale version is a DbUpdateConcurrencyException (the caller sets the original value it was given).
/// </summary>
public static class DesignationGrading
{
    /// <summary>The designation, tracked; null when there is none (the page and the API answer 404).</summary>
    public static Task<Designation?> LoadAsync(GuoheDbContext db, Guid designationId, CancellationToken cancellationToken = default) =>
        db.Designations.SingleOrDefaultAsync(d => d.Id == designationId, cancellationToken);

    /// <summary>Records the year's grade (Art. 14; one a year, not before the base was granted nor after this year); saves and tells the unit.</summary>
    public static async Task RecordGradeAsync(GuoheDbContext db, Notifier notifier, Designation designation, Actor actor, DateTime now, int year, Grade grade, string? opinion)
    {
        designation.RecordGrade(actor, now, year, grade, opinion ?? string.Empty);
        await db.SaveChangesAsync();
        await notifier.UnitAsync(designation.OrganisationId,
            $"您单位{year}年度跟踪评价考核结果为“{DesignationText.GradeZh(grade)}”。", $"Your {year} evaluation grade is {grade}.", "/Applicant/Obligations");
        await notifier.SaveAsync();
    }

    /// <summary>Commends an outstanding base for the year (表彰, Art. 14); saves and tells the unit.</summary>
    public static async Task CommendAsync(GuoheDbContext db, Notifier notifier, Designation designation, Actor actor, DateTime now, int year, string? text)
    {
        designation.Commend(actor, now, year, text ?? string.Empty);
        await db.SaveChangesAsync();
        await notifier.UnitAsync(designation.OrganisationId, $"您单位获{year}年度表彰。", $"Your unit is commended for {year}.", "/Applicant/Obligations");
        await notifier.SaveAsync();
    }
}
