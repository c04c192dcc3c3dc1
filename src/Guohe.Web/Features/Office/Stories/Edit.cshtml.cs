using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Common;
using Guohe.Domain.History;
using Guohe.Domain.Stories;
using Guohe.Web.Data;
using Guohe.Web.Features.Stories;
using Guohe.Web.Features.Units;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Office.Stories;

/// <summary>
/// The office writes a success story (Art. 7(4)): title, text and the designated units it is about; adds PNG or JPEG pictures
/// (checked by content, at most 5 MB each, stored by the file store) or removes them; publishes it or takes it down, each after
/// ticking a confirmation. Stale versions are refused with a clear message; every change is in the story's history.
/// </summary>
[UploadLimits]
public sealed class EditModel(GuoheDbContext db, FileStore store, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class StoryInput
    {
        [Required(ErrorMessage = "请填写{0}。")]
        [StringLength(StoryContent.TitleLength, ErrorMessage = "{0}不能超过{1}个字。")]
        [Display(Name = "标题")]
        public string? Title { get; set; }

        [Required(ErrorMessage = "请填写{0}。")]
        [StringLength(StoryContent.TextLength, ErrorMessage = "{0}不能超过{1}个字。")]
        [Display(Name = "正文")]
        public string? Text { get; set; }

        [Display(Name = "相关单位")]
        public List<Guid> OrganisationIds { get; set; } = [];

        public int Version { get; set; }
    }

    public sealed record Choice(Guid Id, string Name);

    [BindProperty]
    public StoryInput Input { get; set; } = new();

    [BindProperty]
    [Display(Name = "我已核对案例的文字和图片，发布后任何人都可以看到。")]
    public bool ConfirmPublish { get; set; }

    [BindProperty]
    [Display(Name = "确认撤回，撤回后公众不再能看到该案例。")]
    public bool ConfirmUnpublish { get; set; }

    [BindProperty]
    [StringLength(500, ErrorMessage = "{0}不能超过{1}个字。")]
    [Display(Name = "撤回原因")]
    public string? Reason { get; set; }

    public Story? Story { get; private set; }

    public IReadOnlyList<Choice> Units { get; private set; } = [];

    public IReadOnlyList<StoryReads.Picture> Pictures { get; private set; } = [];

    public IReadOnlyList<TransitionRecord> History { get; private set; } = [];

    public string? UploadError { get; private set; }

    public long PictureMaxBytes => Math.Min(StoryReads.PictureMaxBytes, store.MaxBytes);

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Story is { } story)
        {
            Input = new StoryInput { Title = story.Title, Text = story.Text, OrganisationIds = [.. story.OrganisationIds], Version = story.Version };
        }
        return Page();
    }

    /// <summary>Creates the story or saves its text and units.</summary>
    public async Task<IActionResult> OnPostSaveAsync(Guid? id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        ClearOthers(nameof(Input));
        var chosen = Input.OrganisationIds.Distinct().ToList();
        var listed = await PublicUnits.Query(db).Where(u => chosen.Contains(u.Id)).Select(u => u.Id).ToListAsync(HttpContext.RequestAborted);
        if (chosen.Except(listed).Any())
        {
            ModelState.AddModelError("Input.OrganisationIds", l["只能选择现有的试点单位或国合孵化基地。"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var content = new StoryContent(Input.Title ?? string.Empty, Input.Text ?? string.Empty, chosen);
        var now = clock.GetUtcNow().UtcDateTime;
        return await ChangeAsync(story =>
        {
            if (story is null)
            {
                story = Domain.Stories.Story.Create(User.Actor(), now, content);
                db.Stories.Add(story);
            }
            else
            {
                story.Edit(User.Actor(), now, content);
            }
            return story;
        }, Story is null ? l["成功案例已创建，请上传图片后发布。"] : l["成功案例已保存。"]);
    }

    /// <summary>Adds one picture (PNG or JPEG by content).</summary>
    public async Task<IActionResult> OnPostUploadAsync(Guid id, IFormFile? picture)
    {
        if (!await LoadAsync(id) || Story is not { } story)
        {
            return NotFound();
        }
        ModelState.Clear();
        Input = new StoryInput { Title = story.Title, Text = story.Text, OrganisationIds = [.. story.OrganisationIds], Version = story.Version };
        if (Pictures.Count >= StoryReads.MaxPictures)
        {
            UploadError = l["每个案例最多{0}张图片。", StoryReads.MaxPictures];
            return Page();
        }
        var rule = new UploadRule(PictureMaxBytes, StoryReads.PictureTypes, "案例图片只接受 PNG 或 JPEG 格式。", "文件内容与扩展名不符，请上传真实的 PNG 或 JPEG 图片。");
        var result = await Uploads.SaveAsync(store, FileOwner.OfStory(story.Id), DocumentKind.StoryPicture, picture, rule, User.Id(), replaces: false, HttpContext.RequestAborted);
        if (result.Refusal is { } refusal)
        {
            var (zh, args) = Uploads.Refused(refusal, rule);
            UploadError = l[zh, args];
            return Page();
        }
        TempData["Message"] = l["图片已上传。"].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>Removes a picture (the row is kept, marked deleted); a published story keeps at least one.</summary>
    public async Task<IActionResult> OnPostRemovePictureAsync(Guid id, Guid pictureId)
    {
        if (!await LoadAsync(id) || Story is not { } story)
        {
            return NotFound();
        }
        var file = await db.StoredFiles.SingleOrDefaultAsync(f => f.Id == pictureId && f.OwnerId == id && f.Kind == DocumentKind.StoryPicture && f.DeletedAtUtc == null);
        if (file is null)
        {
            return NotFound();
        }
        if (story.IsPublished && Pictures.Count <= 1)
        {
            ModelState.Clear();
            Input = new StoryInput { Title = story.Title, Text = story.Text, OrganisationIds = [.. story.OrganisationIds], Version = story.Version };
            UploadError = l["已发布的案例至少保留一张图片；请先上传新图片或撤回案例。"];
            return Page();
        }
        file.DeletedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        TempData["Message"] = l["图片已删除。"].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id)
    {
        if (!await LoadAsync(id) || Story is null)
        {
            return NotFound();
        }
        ClearOthers(nameof(ConfirmPublish));
        ShowStored();
        if (!ConfirmPublish)
        {
            ModelState.AddModelError(nameof(ConfirmPublish), l["请勾选确认后再发布。"]);
            return Page();
        }
        var pictures = Pictures.Count;
        return await ChangeAsync(story =>
        {
            story!.Publish(User.Actor(), clock.GetUtcNow().UtcDateTime, pictures);
            return story;
        }, l["成功案例已发布，公众现在可以看到。"]);
    }

    public async Task<IActionResult> OnPostUnpublishAsync(Guid id)
    {
        if (!await LoadAsync(id) || Story is null)
        {
            return NotFound();
        }
        ClearOthers(nameof(ConfirmUnpublish), nameof(Reason));
        ShowStored();
        if (string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError(nameof(Reason), l["请说明撤回的原因。"]);
        }
        if (!ConfirmUnpublish)
        {
            ModelState.AddModelError(nameof(ConfirmUnpublish), l["请勾选确认后再撤回。"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return await ChangeAsync(story =>
        {
            story!.Unpublish(User.Actor(), clock.GetUtcNow().UtcDateTime, Reason!);
            return story;
        }, l["成功案例已撤回，公众不再能看到。"]);
    }

    /// <summary>Applies a verb to the story as it was read (a stale version is refused), then shows it; on a refusal the page with the reason, nothing saved.</summary>
    private async Task<IActionResult> ChangeAsync(Func<Story?, Story> change, string done)
    {
        if (Story is { } loaded)
        {
            db.Entry(loaded).Property(s => s.Version).OriginalValue = Input.Version;
        }
        Story saved;
        try
        {
            saved = change(Story);
            await db.SaveChangesAsync();
        }
        catch (DomainException e)
        {
            ModelState.AddProblems(e);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, l["该案例刚被同事修改过，本次未保存。请刷新页面后再改。"]);
            return Page();
        }
        TempData["Message"] = done;
        return RedirectToPage(new { id = saved.Id });
    }

    /// <summary>The text form shows the stored story (a publish or take-down form posts only its version).</summary>
    private void ShowStored()
    {
        if (Story is { } story)
        {
            Input = new StoryInput { Title = story.Title, Text = story.Text, OrganisationIds = [.. story.OrganisationIds], Version = Input.Version };
        }
    }

    /// <summary>Keeps only the validation of the fields the handler posts (each form posts its own).</summary>
    private void ClearOthers(params string[] keep)
    {
        foreach (var key in ModelState.Keys.Where(k => !keep.Any(p => k == p || k.StartsWith(p + ".", StringComparison.Ordinal))).ToList())
        {
            ModelState.Remove(key);
        }
    }

    /// <summary>The story (tracked, for the verbs), its pictures and history, and the units to choose; false when the id is unknown.</summary>
    private async Task<bool> LoadAsync(Guid? id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (id is { } storyId)
        {
            Story = await db.Stories.SingleOrDefaultAsync(s => s.Id == storyId, cancellationToken);
            if (Story is null)
            {
                return false;
            }
            Pictures = await StoryReads.PicturesAsync(db, storyId, cancellationToken);
            History = await db.HistoryOfAsync(storyId);
        }
        var listed = await PublicUnits.Query(db).OrderBy(u => u.Name).Select(u => new Choice(u.Id, u.Name)).ToListAsync(cancellationToken);
        // A unit named earlier that is no longer designated stays choosable in its own story (its name shows, not linked publicly).
        var named = Story?.OrganisationIds.Except(listed.Select(u => u.Id)).ToList() ?? [];
        var others = named.Count == 0 ? [] : await db.Organisations.AsNoTracking().Where(o => named.Contains(o.Id)).Select(o => new Choice(o.Id, o.Name)).ToListAsync(cancellationToken);
        Units = [.. listed, .. others];
        return true;
    }
}
