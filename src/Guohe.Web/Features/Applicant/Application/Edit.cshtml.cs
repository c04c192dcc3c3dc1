using Guohe.Domain.Applications;
using Guohe.Domain.Common;
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
        Current = await Form1Filing.CurrentAsync(db, User.Organisation());
        if (Current is not null && !Form1Filing.Editable(Current))
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
        var (application, created, refusal) = await Form1Filing.StartAsync(db, User.Actor(), User.Organisation(), Now);
        if (application is null)
        {
            TempData["Message"] = l[refusal!].Value;
            return RedirectToPage("/Applicant/Index");
        }
        if (!created)
        {
            return RedirectToPage(); // one open application per unit: continue that one
        }
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
        try
        {
            SubmitProblems = await Form1Filing.SubmitAsync(db, notifier, application, User.Actor(), Now);
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError(string.Empty, l["提交时发生冲突（可能是编号被占用或申请刚被修改），请再点一次提交。"]);
            return await PageAsync();
        }
        if (SubmitProblems.Count > 0)
        {
            // The warning list above the form names every problem; fields are marked, but the error box does not repeat them.
            ModelState.AddProblems(SubmitProblems.Where(p => p.Field is not null));
            return await PageAsync();
        }
        TempData["Message"] = application.Route == ApplicationRoute.Recommended
            ? l["申请已提交给推荐单位，推荐后将送交办公室。"].Value
            : l["申请已提交办公室，请留意初审意见。"].Value;
        return RedirectToPage("/Applicant/Application/Index");
    });

    /// <summary>Saves the posted form (valid fields only), then continues; a stale version or an illegal state is a clear message.</summary>
    private async Task<IActionResult> SaveAsync(Func<Task<IActionResult>> then, Action? before = null)
    {
        Current = await Form1Filing.CurrentAsync(db, User.Organisation());
        if (Current is null || !Form1Filing.Editable(Current))
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
            if (Form1Filing.EditDraft(Current, User.Actor(), Now, Input.ToForm())) // an unchanged form records nothing
            {
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

    private void Validate() => Form1Filing.Validate(Input, Recommenders, (field, zh, args) => ModelState.AddModelError($"Input.{field}", l[zh, args]));

    private async Task<PageResult> PageAsync()
    {
        await LoadChoicesAsync();
        return Page();
    }

    private async Task LoadChoicesAsync()
    {
        OpenBatchName = await Form1Filing.OpenBatch(db, Now).Select(b => b.Name).FirstOrDefaultAsync();
        Recommenders = await Form1Input.RecommendersAsync(db);
    }
}
