using System.Text.Json;
using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Organisations;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using DomainApplication = Guohe.Domain.Applications.Application;

namespace Guohe.Web.Features.Applicant.Application;

/// <summary>
/// Form 1 online (Art. 11(2)): start an application in the open batch, save the draft at any time (incomplete is fine,
/// invalid values are not stored), add or remove main persons, and submit — self-applied to the office, or to the chosen
/// recommender (Art. 11(1)). The submit check lists exactly what is missing.
/// </summary>
public sealed class EditModel(GuoheDbContext db, TimeProvider clock, Guohe.Web.Notifications.Notifier notifier, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public Form1Input Input { get; set; } = new();

    public DomainApplication? Current { get; private set; }

    public string? OpenBatchName { get; private set; }

    public IReadOnlyList<(Guid Id, string Name)> Recommenders { get; private set; } = [];

    public IReadOnlyList<Problem> SubmitProblems { get; private set; } = [];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IActionResult> OnGetAsync()
    {
        Current = await CurrentApplicationAsync();
        if (Current is not null && !Editable(Current))
        {
            return RedirectToPage("/Applicant/Application/Index");
        }
        if (Current is not null)
        {
            Input = Form1Input.From(Current.Form(), Current.Version);
            if (Input.MainPersons.Count == 0)
            {
                Input.MainPersons.Add(new Form1Input.PersonInput()); // Form 1 asks for at least one: offer the first row
            }
        }
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync()
    {
        ModelState.Clear();
        var organisationId = User.Organisation();
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == organisationId);
        var batch = await OpenBatchQuery().FirstOrDefaultAsync();
        if (organisation is null || batch is null)
        {
            TempData["Message"] = l["目前没有开放的申报批次。"].Value;
            return RedirectToPage("/Applicant/Index");
        }
        if (await CurrentApplicationAsync() is { } existing && existing.IsOpen)
        {
            return RedirectToPage(); // one open application per unit: continue that one
        }
        db.Applications.Add(DomainApplication.Create(User.Actor(), Now, organisation, batch));
        await db.SaveChangesAsync();
        TempData["Message"] = l["已创建申请草稿，请填写申请表，可随时保存。"].Value;
        return RedirectToPage();
    }

    public Task<IActionResult> OnPostAsync() => SaveAsync(then: () => Task.FromResult<IActionResult>(RedirectToPage()));

    public Task<IActionResult> OnPostAddPersonAsync() => SaveAsync(then: async () =>
    {
        Input.MainPersons.Add(new Form1Input.PersonInput());
        return await PageAsync();
    });

    public Task<IActionResult> OnPostRemovePersonAsync(int index) => SaveAsync(before: () =>
    {
        if (index >= 0 && index < Input.MainPersons.Count)
        {
            Input.MainPersons.RemoveAt(index);
            ModelState.Clear(); // indexes shift: show the saved rows as they now are
        }
    }, then: () => Task.FromResult<IActionResult>(RedirectToPage()));

    public Task<IActionResult> OnPostSubmitAsync() => SaveAsync(then: async () =>
    {
        var application = Current!;
        var context = await SubmitContextAsync(application);
        SubmitProblems = application.CheckSubmit(Now, context);
        if (SubmitProblems.Count > 0)
        {
            // The warning list above the form names every problem; fields are marked, but the error box does not repeat them.
            ModelState.AddProblems(SubmitProblems.Where(p => p.Field is not null));
            return await PageAsync();
        }
        application.Submit(User.Actor(), Now, context);
        // The unit profile of the submitted Form 1 becomes the organisation's (the public list, statistics and the next application read it).
        var organisation = await db.Organisations.SingleAsync(o => o.Id == application.OrganisationId);
        organisation.UpdateProfile(User.Actor(), Now, application.Form().Profile);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError(string.Empty, l["提交时发生冲突（可能是编号被占用或申请刚被修改），请再点一次提交。"]);
            return await PageAsync();
        }
        await notifier.ApplicationMovedAsync(application);
        TempData["Message"] = application.Route == ApplicationRoute.Recommended
            ? l["申请已提交给推荐单位，推荐后将送交办公室。"].Value
            : l["申请已提交办公室，请留意初审意见。"].Value;
        return RedirectToPage("/Applicant/Application/Index");
    });

    /// <summary>Saves the posted form (valid fields only), then continues; a stale version or an illegal state is a clear message.</summary>
    private async Task<IActionResult> SaveAsync(Func<Task<IActionResult>> then, Action? before = null)
    {
        Current = await CurrentApplicationAsync();
        if (Current is null || !Editable(Current))
        {
            TempData["Message"] = l["该申请已提交或已结束，不能再修改。"].Value;
            return RedirectToPage("/Applicant/Application/Index");
        }
        before?.Invoke();
        await LoadChoicesAsync();
        Validate();
        var posted = ModelState.IsValid;
        KeepStoredWhereInvalid.Apply(ModelState, nameof(Input), Input, Form1Input.From(Current.Form(), Current.Version));
        db.Entry(Current).Property(a => a.Version).OriginalValue = Input.Version;
        try
        {
            var form = Input.ToForm();
            if (Comparable(form) != Comparable(Current.Form())) // an unchanged form records nothing
            {
                Current.EditDraft(User.Actor(), Now, form);
                await db.SaveChangesAsync();
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, l["申请表刚在其他窗口或由同事保存过，本次未保存。请复制您的修改，刷新页面后再填。"]);
            return await PageAsync();
        }
        catch (DomainException e)
        {
            ModelState.AddProblems(e);
            return await PageAsync();
        }
        Input.Version = Current.Version;
        ModelState.Remove("Input.Version");
        if (!posted)
        {
            ModelState.AddModelError(string.Empty, l["已保存填写正确的内容；标红的项格式不正确，未保存，请改正后再保存。"]);
            return await PageAsync();
        }
        TempData["Message"] = l["草稿已保存。"].Value;
        return await then();
    }

    private void Validate()
    {
        for (var i = 0; i < Input.Countries.Count; i++)
        {
            if (!Countries.IsKnown(Input.Countries[i]))
            {
                ModelState.AddModelError($"Input.Countries[{i}]", l["请从列表中选择国家。"]);
            }
        }
        Input.Countries.RemoveAll(c => !Countries.IsKnown(c));
        if (!string.IsNullOrEmpty(Input.Profile.Province) && !Provinces.All.Contains(Input.Profile.Province))
        {
            ModelState.AddModelError("Input.Profile.Province", l["请从列表中选择省份。"]);
        }
        if (Input.MainPersons.Count > 50)
        {
            Input.MainPersons.RemoveRange(50, Input.MainPersons.Count - 50);
        }
        if (Input.RecommenderOrganisationId is { } recommender && Recommenders.All(r => r.Id != recommender))
        {
            ModelState.AddModelError("Input.RecommenderOrganisationId", l["请从列表中选择推荐单位。"]);
            Input.RecommenderOrganisationId = null;
        }
        if (Input.Profile.Level == UnitLevel.Other)
        {
            ModelState.AddModelError("Input.Profile.Level", l["《办法》第十条：只有省级以上单位可以申请，省级以下单位可以保存草稿但不能提交。"]);
        }
    }

    private async Task<PageResult> PageAsync()
    {
        await LoadChoicesAsync();
        return Page();
    }

    private async Task LoadChoicesAsync()
    {
        OpenBatchName = await OpenBatchQuery().Select(b => b.Name).FirstOrDefaultAsync();
        Recommenders = await Form1Input.RecommendersAsync(db);
    }

    private IQueryable<Domain.Batches.Batch> OpenBatchQuery()
    {
        var now = Now;
        return db.Batches.Where(b => b.OpensAtUtc <= now && now < b.ClosesAtUtc).OrderBy(b => b.ClosesAtUtc);
    }

    private Task<DomainApplication?> CurrentApplicationAsync()
    {
        var organisationId = User.Organisation();
        return db.Applications.Where(a => a.OrganisationId == organisationId).OrderByDescending(a => a.CreatedAtUtc).FirstOrDefaultAsync();
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

    private static bool Editable(DomainApplication application) =>
        application.Status is ApplicationStatus.Draft or ApplicationStatus.ReturnedForRevision;

    private async Task<SubmitContext> SubmitContextAsync(DomainApplication application)
    {
        var batch = await db.Batches.SingleAsync(b => b.Id == application.BatchId);
        var today = ChinaTime.DateOf(Now);
        var ban = (await db.Bans.Where(b => b.Uscc == application.Uscc).ToListAsync())
            .Where(b => b.IsActive(today)).OrderByDescending(b => b.EndsOn).FirstOrDefault();
        var closed = new[] { ApplicationStatus.Approved, ApplicationStatus.NotApproved, ApplicationStatus.PreliminaryRejected, ApplicationStatus.Withdrawn };
        var otherOpen = await db.Applications.AnyAsync(a => a.OrganisationId == application.OrganisationId && a.Id != application.Id && !closed.Contains(a.Status));
        var numbered = await db.Applications.CountAsync(a => a.BatchId == batch.Id && a.Number != null);
        return new SubmitContext(batch, ban, otherOpen, await Guohe.Web.Files.FileStore.DocumentsPresentAsync(db, application.Id), numbered + 1);
    }
}
