using System.Text.Json;
using Guohe.Domain.Applications;
using Guohe.Domain.Batches;
using Guohe.Domain.Common;
using Guohe.Domain.Organisations;
using Guohe.Web.Data;
using Guohe.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using DomainApplication = Guohe.Domain.Applications.Application;

namespace Guohe.Web.Features.Applicant.Application;

/// <summary>
/// What filing Form 1 does, whoever asks — the page <see cref="EditModel"/> or the API (docs/decisions/0008-rest-api.md):
/// the open batch, the unit's current application, the checks a form cannot express as attributes, saving a draft
/// (an unchanged form records nothing), and submitting (Art. 11(1)–(2)): the submit check, the move, the unit profile
/// copied to the organisation, the notices.
/// </summary>
public static class Form1Filing
{
    /// <summary>Records a field error: the field's path inside the form (e.g. <c>Profile.Province</c>), the Chinese text (a resource key) and its arguments.</summary>
    public delegate void FieldError(string field, string zh, params object[] args);

    public static IQueryable<Batch> OpenBatch(GuoheDbContext db, DateTime now) =>
        db.Batches.Where(b => b.OpensAtUtc <= now && now < b.ClosesAtUtc).OrderBy(b => b.ClosesAtUtc);

    /// <summary>The organisation's newest application (the one the page shows).</summary>
    public static Task<DomainApplication?> CurrentAsync(GuoheDbContext db, Guid? organisationId) =>
        db.Applications.Where(a => a.OrganisationId == organisationId).OrderByDescending(a => a.CreatedAtUtc).FirstOrDefaultAsync();

    /// <summary>Whether the unit may still change the form (a draft, or returned for revision, Art. 11(3)).</summary>
    public static bool Editable(DomainApplication application) =>
        application.Status is ApplicationStatus.Draft or ApplicationStatus.ReturnedForRevision;

    /// <summary>Why no application can be started: the account belongs to no unit (a resource key).</summary>
    public const string NoOrganisation = "您的账号不属于任何单位，不能开始申请。请联系系统管理员。";

    /// <summary>Why no application can be started: no batch is open (a resource key).</summary>
    public const string NoOpenBatch = "目前没有开放的申报批次。";

    /// <summary>
    /// Starts an application in the open batch, or returns the unit's open one (one open application per unit).
    /// Without an application, <c>Refusal</c> says why (<see cref="NoOrganisation"/>, <see cref="NoOpenBatch"/>). Saves.
    /// </summary>
    public static async Task<(DomainApplication? Application, bool Created, string? Refusal)> StartAsync(GuoheDbContext db, Actor actor, Guid? organisationId, DateTime now)
    {
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == organisationId);
        if (organisation is null)
        {
            return (null, false, NoOrganisation);
        }
        var batch = await OpenBatch(db, now).FirstOrDefaultAsync();
        if (batch is null)
        {
            return (null, false, NoOpenBatch);
        }
        if (await CurrentAsync(db, organisationId) is { } existing && existing.IsOpen)
        {
            return (existing, false, null);
        }
        var application = DomainApplication.Create(actor, now, organisation, batch);
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        return (application, true, null);
    }

    /// <summary>
    /// The checks beyond the attributes: known countries and province, a recommender from the list (Art. 11(1)), and the
    /// level (Art. 10: below provincial level may save but not submit). Values that cannot be stored are taken out of
    /// <paramref name="input"/> (the page keeps the rest; the API refuses the whole request).
    /// </summary>
    public static void Validate(Form1Input input, IReadOnlyList<(Guid Id, string Name)> recommenders, FieldError error)
    {
        for (var i = 0; i < input.Countries.Count; i++)
        {
            if (!Countries.IsKnown(input.Countries[i]))
            {
                error($"Countries[{i}]", "请从列表中选择国家。");
            }
        }
        input.Countries.RemoveAll(c => !Countries.IsKnown(c));
        if (!string.IsNullOrEmpty(input.Profile.Province) && !Provinces.All.Contains(input.Profile.Province))
        {
            error("Profile.Province", "请从列表中选择省份。");
        }
        if (input.MainPersons.Count > MaxMainPersons)
        {
            error("MainPersons", "最多{0}行。", MaxMainPersons); // reported, never cut off silently
            input.MainPersons.RemoveRange(MaxMainPersons, input.MainPersons.Count - MaxMainPersons);
        }
        if (input.RecommenderOrganisationId is { } recommender && recommenders.All(r => r.Id != recommender))
        {
            error("RecommenderOrganisationId", "请从列表中选择推荐单位。");
            input.RecommenderOrganisationId = null;
        }
        if (input.Profile.Level == UnitLevel.Other)
        {
            error("Profile.Level", "《办法》第十条：只有省级以上单位可以申请，省级以下单位可以保存草稿但不能提交。");
        }
    }

    public const int MaxMainPersons = 50;

    /// <summary>
    /// Stores the form as the draft (the domain records the edit) when it differs from the stored one; false when nothing
    /// changed. Does not save: the caller saves, with the version it was given as the original value.
    /// </summary>
    public static bool EditDraft(DomainApplication application, Actor actor, DateTime now, ApplicationForm form)
    {
        if (Comparable(form) == Comparable(application.Form()))
        {
            return false;
        }
        application.EditDraft(actor, now, form);
        return true;
    }

    /// <summary>
    /// Submits (Art. 11(1)–(2)): the problems that prevent it, or none when it was submitted, saved and announced. The unit
    /// profile of the submitted Form 1 becomes the organisation's (the public list, statistics and the next application read it).
    /// Throws <see cref="DbUpdateException"/> on a conflict (a number taken, a concurrent change).
    /// </summary>
    public static async Task<IReadOnlyList<Problem>> SubmitAsync(
        GuoheDbContext db, Guohe.Web.Notifications.Notifier notifier, DomainApplication application, Actor actor, DateTime now)
    {
        var context = await SubmitContextAsync(db, application, now);
        var problems = application.CheckSubmit(now, context);
        if (problems.Count > 0)
        {
            return problems;
        }
        application.Submit(actor, now, context);
        var organisation = await db.Organisations.SingleAsync(o => o.Id == application.OrganisationId);
        organisation.UpdateProfile(actor, now, application.Form().Profile);
        await db.SaveChangesAsync();
        await notifier.ApplicationMovedAsync(application);
        return [];
    }

    private static string Comparable(ApplicationForm form) => JsonSerializer.Serialize(form with
    {
        OrganisationName = form.OrganisationName.Trim(),
        Countries = [.. form.Countries.Select(c => c.Trim().ToUpperInvariant()).Distinct()],
        UnitHead = form.UnitHead.Normalised(),
        MainPersons = [.. form.MainPersons.Select(p => p.Normalised()).Where(p => p != PersonRow.Empty)],
        Contact = form.Contact.Normalised(),
        RecommenderOrganisationId = form.Route == ApplicationRoute.Recommended ? form.RecommenderOrganisationId : null,
    });

    private static async Task<SubmitContext> SubmitContextAsync(GuoheDbContext db, DomainApplication application, DateTime now)
    {
        var batch = await db.Batches.SingleAsync(b => b.Id == application.BatchId);
        var today = ChinaTime.DateOf(now);
        var ban = (await db.Bans.Where(b => b.Uscc == application.Uscc).ToListAsync())
            .Where(b => b.IsActive(today)).OrderByDescending(b => b.EndsOn).FirstOrDefault();
        var closed = new[] { ApplicationStatus.Approved, ApplicationStatus.NotApproved, ApplicationStatus.PreliminaryRejected, ApplicationStatus.Withdrawn };
        var otherOpen = await db.Applications.AnyAsync(a => a.OrganisationId == application.OrganisationId && a.Id != application.Id && !closed.Contains(a.Status));
        var numbered = await db.Applications.CountAsync(a => a.BatchId == batch.Id && a.Number != null);
        return new SubmitContext(batch, ban, otherOpen, await Guohe.Web.Files.FileStore.DocumentsPresentAsync(db, application.Id), numbered + 1);
    }
}
