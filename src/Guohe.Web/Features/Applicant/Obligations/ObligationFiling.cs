using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.Organisations;
using Guohe.Web.Data;
using Guohe.Web.Features.Applicant.Application;
using Guohe.Web.Files;
using Guohe.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Applicant.Obligations;

/// <summary>
/// What filing Forms 2–4 does (Art. 12(1), 12(3), 13(1), 14), whoever asks — the page <see cref="EditModel"/> or the API
/// (docs/decisions/0008-rest-api.md): the unit's own obligation, the checks a form cannot express as attributes, the uploaded
/// document, and filing: the acceptance that Form 4 starts (Art. 13(1)), the partner rows linked to the institution
/// directory, the save and the notices.
/// </summary>
public static class ObligationFiling
{
    /// <summary>The organisation's own obligations (a unit never reaches another's).</summary>
    public static IQueryable<Obligation> Own(GuoheDbContext db, Guid? organisationId) =>
        organisationId is null ? db.Obligations.Where(o => false) : db.Obligations.Where(o => o.OrganisationId == organisationId);

    /// <summary>Only an open obligation takes changes; a filed or reviewed one is read-only.</summary>
    public static bool Editable(Obligation obligation) => obligation.Status == ObligationStatus.Open;

    /// <summary>
    /// The checks beyond the attributes: an Art. 9 category for every item (one without is cleared), Art. 15 fields from the
    /// list (others are dropped), countries from the list. Fields are paths inside the form (<c>Items[0].Category</c>); a
    /// string argument is a resource key too (the item's name).
    /// </summary>
    public static void Validate(ObligationInput input, ObligationKind kind, Form1Filing.FieldError error)
    {
        for (var i = 0; i < input.Items.Count; i++)
        {
            if (input.Items[i].Category is not { } category || !Enum.IsDefined(category))
            {
                input.Items[i].Category = null;
                error($"Items[{i}].Category", "请为第{0}项{1}选择建设内容类别。", i + 1, ObligationInput.ItemLabel(kind));
            }
            input.Items[i].Fields = [.. input.Items[i].Fields.Where(f => KeyFieldNames.All.Any(k => k.Field == f)).Distinct()];
        }
        for (var i = 0; i < input.Partners.Count; i++)
        {
            var code = input.Partners[i].CountryCode?.Trim();
            if (!string.IsNullOrEmpty(code) && !Countries.IsKnown(code))
            {
                error($"Partners[{i}].CountryCode", "请从列表中选择国家。");
            }
        }
    }

    /// <summary>The current uploaded plan or summary document, if any.</summary>
    public static Task<StoredFile?> DocumentAsync(GuoheDbContext db, Guid obligationId, CancellationToken cancellationToken = default) =>
        db.StoredFiles.AsNoTracking()
            .Where(f => f.OwnerId == obligationId && f.Kind == DocumentKind.ObligationDocument && f.DeletedAtUtc == null)
            .OrderByDescending(f => f.UploadedAtUtc).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Files the form: the problems that prevent it (the form's, or Form 4 before the construction period ended, Art. 13(1)),
    /// or none when it was filed, linked, saved and announced. Nothing is changed when there are problems. The caller sets the
    /// version it was given as the original value; throws DbUpdateConcurrencyException on a stale one.
    /// </summary>
    public static async Task<IReadOnlyList<Problem>> FileAsync(
        GuoheDbContext db, Guohe.Web.Notifications.Notifier notifier, Obligation obligation, Actor actor, DateTime now, ObligationForm form,
        CancellationToken cancellationToken = default)
    {
        var document = await DocumentAsync(db, obligation.Id, cancellationToken);
        Guid[] attachments = document is null ? [] : [document.Id];
        var problems = Obligation.CheckForm(form, obligation.Kind, attachments.Length > 0);
        if (problems.Count > 0)
        {
            return problems;
        }
        // Form 4 comes after the construction period and starts the acceptance (Art. 13(1)).
        var designation = await db.Designations.SingleAsync(d => d.Id == obligation.DesignationId, cancellationToken);
        if (obligation.Kind == ObligationKind.ConstructionSummary && designation.AcceptanceTooEarly(ChinaTime.DateOf(now)) is { } early)
        {
            return [early];
        }
        obligation.File(actor, now, form, attachments);
        if (obligation.Kind == ObligationKind.ConstructionSummary)
        {
            designation.EnterAcceptance(actor, now, obligation);
        }
        obligation.LinkInstitutions(await InstitutionDirectory.ResolveAsync(db, actor, now, obligation.Partners, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);

        var organisationName = await db.Organisations.AsNoTracking().Where(o => o.Id == obligation.OrganisationId).Select(o => o.Name)
            .SingleOrDefaultAsync(cancellationToken) ?? designation.OrganisationName;
        var formName = ObligationInput.FormName(obligation.Kind);
        var late = obligation.FiledLate ? "（逾期提交）" : string.Empty;
        var lateEn = obligation.FiledLate ? " (late)" : string.Empty;
        await notifier.RoleAsync(Role.Office, null,
            $"{organisationName}提交了{obligation.Year}年{formName}{late}，待审核。",
            $"{organisationName} filed its {Office.Designations.DesignationText.ObligationEn(obligation.Kind)} for {obligation.Year}{lateEn}; it waits for review.",
            $"/Office/Obligations/Review/{obligation.Id}");
        await notifier.UnitAsync(obligation.OrganisationId,
            $"您单位已提交{obligation.Year}年{formName}{late}，请留意办公室审核意见。",
            $"Your {Office.Designations.DesignationText.ObligationEn(obligation.Kind)} for {obligation.Year} was filed{lateEn}; the office will review it.",
            $"/Applicant/Obligations/Edit/{obligation.Id}");
        await notifier.SaveAsync();
        return [];
    }

    /// <summary>
    /// Stores the plan or summary document (PDF or DOCX; a new upload replaces the previous one, which stays as history):
    /// the stored file, or the refusal's Chinese text (a resource key) and its arguments.
    /// </summary>
    public static async Task<(StoredFile? File, string? RefusalZh, object[] Args)> UploadAsync(
        FileStore store, Obligation obligation, IFormFile? upload, Guid userId, CancellationToken cancellationToken)
    {
        var rule = DocumentRule(store);
        var result = await Uploads.SaveAsync(store, FileOwner.OfDesignation(obligation.DesignationId, obligation.Id), DocumentKind.ObligationDocument,
            upload, rule, userId, cancellationToken: cancellationToken);
        if (result.Refusal is { } refusal)
        {
            var (zh, args) = Uploads.Refused(refusal, rule);
            return (null, zh, args);
        }
        return (result.File, null, []);
    }

    /// <summary>A plan or summary document: PDF or DOCX, up to the store's limit.</summary>
    public static UploadRule DocumentRule(FileStore store) =>
        new(store.MaxBytes, [FileContent.Pdf, FileContent.Docx], "计划或总结文档只接受 PDF 或 DOCX 文件。", "文件内容与扩展名不符，请上传真实的 PDF 或 DOCX 文件。");
}
