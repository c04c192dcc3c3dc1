namespace Guohe.Web.Files;

/// <summary>
/// What one kind of upload accepts: its size limit, the types it takes (null: all of <see cref="FileContent"/>'s allow-list),
/// and its own texts for a wrong type and a disguised one (resource keys).
/// </summary>
public sealed record UploadRule(long MaxBytes, IReadOnlyList<AllowedType>? Only = null, string? WrongTypeZh = null, string? DisguisedZh = null)
{
    /// <summary>Any allowed type up to the store's limit (filing documents, facts, minutes, an objection's file).</summary>
    public static UploadRule Any(FileStore store) => new(store.MaxBytes);
}

/// <summary>
/// The one path of every upload from a page or the API (QUALITY.md, uploads; ASVS 5.2): the empty and size checks before
/// reading, reading the bytes, the file store's checks by content, storing; and the refusal's text. Application documents,
/// plans and summaries, decision facts, evaluation minutes, an objection's file and a story's pictures all come through here.
/// </summary>
public static class Uploads
{
    /// <summary>Checks and stores <paramref name="file"/> for <paramref name="owner"/>: the stored file, or the refusal with nothing stored.</summary>
    public static async Task<SaveResult> SaveAsync(
        FileStore store, FileOwner owner, DocumentKind kind, IFormFile? file, UploadRule rule, Guid userId, bool replaces = true, CancellationToken cancellationToken = default)
    {
        if (file is null || file.Length == 0)
        {
            return new SaveResult(null, Refusal.Empty);
        }
        if (file.Length > rule.MaxBytes || file.Length > store.MaxBytes)
        {
            return new SaveResult(null, Refusal.TooLarge);
        }
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }
        return await store.SaveAsync(new Upload(owner, kind, file.FileName, content) { Replaces = replaces, Only = rule.Only }, userId, cancellationToken);
    }

    /// <summary>Why an upload was refused: the Chinese text (a resource key) and its arguments.</summary>
    public static (string Zh, object[] Args) Refused(Refusal refusal, UploadRule rule) => refusal switch
    {
        Refusal.Empty => ("文件是空的，请选择要上传的文件。", []),
        Refusal.TooLarge => ("文件超过{0}的大小上限。", [Sizes.Format(rule.MaxBytes)]),
        Refusal.DisguisedExtension => (rule.DisguisedZh ?? "文件内容与扩展名不符，请上传真实的 PDF、JPEG、PNG 或 DOCX 文件。", []),
        Refusal.Unsafe => ("文件含外部链接或异常内容（如压缩炸弹），不予接受。请去掉链接后另存再上传。", []),
        Refusal.Macro => ("含宏的 Word 文档不予接受，请另存为不含宏的 DOCX 文件后上传。", []),
        Refusal.Malware => ("文件带有病毒特征，不予接受。", []),
        Refusal.ActiveContent => ("PDF 文件含有脚本或自动执行的动作（JavaScript、打开时动作、启动程序、嵌入文件），不予接受。请打印为普通 PDF 后再上传。", []),
        Refusal.ImageTooLarge => ("图片像素过多（最多{0}像素），请缩小后再上传。", [FileContent.MaxImagePixels.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)]),
        _ => (rule.WrongTypeZh ?? "不接受此文件类型，只接受 PDF、JPEG、PNG、DOCX 文件。", []),
    };
}
