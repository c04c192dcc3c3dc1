using System.Security.Cryptography;
using Guohe.Domain.Applications;
using Guohe.Web.Data;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Guohe.Web.Files;

/// <summary><c>Files:MaxBytes</c>: the largest upload accepted (QUALITY.md, uploads).</summary>
public sealed class FilesOptions
{
    public long MaxBytes { get; set; } = 20L * 1024 * 1024;
}

/// <summary>An upload as the store takes it: the user's name for the file and its bytes.</summary>
/// <summary>What a file belongs to: an application, or a designation and one of its records (obligation, visit, decision).</summary>
public sealed record FileOwner(Guid? ApplicationId, Guid? DesignationId, Guid OwnerId)
{
    public static FileOwner OfApplication(Guid applicationId) => new(applicationId, null, applicationId);

    public static FileOwner OfDesignation(Guid designationId, Guid ownerId) => new(null, designationId, ownerId);

    /// <summary>A file of a success story (its pictures): neither an application's nor a designation's.</summary>
    public static FileOwner OfStory(Guid storyId) => new(null, null, storyId);

    /// <summary>A file of an objection (Art. 11(7)): no application or designation, so the general download refuses it; the office's page serves it.</summary>
    public static FileOwner OfObjection(Guid objectionId) => new(null, null, objectionId);
}

public sealed record Upload(FileOwner Owner, DocumentKind Kind, string FileName, byte[] Content)
{
    /// <summary>Whether the new file replaces the owner's file of the same kind (false: an owner keeps several, e.g. a story's pictures).</summary>
    public bool Replaces { get; init; } = true;

    /// <summary>When set, only these types are accepted (e.g. pictures: PNG and JPEG); anything else is <see cref="Refusal.NotAllowedType"/>.</summary>
    public IReadOnlyList<AllowedType>? Only { get; init; }

    public Upload(Guid applicationId, DocumentKind kind, string fileName, byte[] content)
        : this(FileOwner.OfApplication(applicationId), kind, fileName, content)
    {
    }
}

/// <summary>The outcome of <see cref="FileStore.SaveAsync"/>: the stored row, or why nothing was stored.</summary>
public sealed record SaveResult(StoredFile? File, Refusal? Refusal);

/// <summary>
/// Filing documents on disk under <c>{DataDirectory}/files/</c>, named by a random name only, with a row each in the database
/// (QUALITY.md, uploads; ASVS 5). ID copies are encrypted with Data Protection (QUALITY.md, personal data; PIPL Art. 51).
/// </summary>
public sealed class FileStore(GuoheDbContext db, Storage storage, IDataProtectionProvider protection, IOptions<FilesOptions> options, TimeProvider clock)
{
    private readonly IDataProtector _idCopies = protection.CreateProtector("Guohe.Files.IdCopy");

    public long MaxBytes => options.Value.MaxBytes;

    public string Folder => Path.Combine(storage.DataDirectory, "files");

    /// <summary>
    /// Checks and stores an upload; a replaced file of the same kind is marked deleted. Nothing touches the disk on refusal.
    /// Order: temporary file, rename, then the row; if the row cannot be saved the file goes (no row without file, no file without row).
    /// </summary>
    public async Task<SaveResult> SaveAsync(Upload upload, Guid userId, CancellationToken cancellationToken = default)
    {
        if (upload.Content.Length > MaxBytes)
        {
            return new SaveResult(null, Refusal.TooLarge);
        }
        var name = FileNames.Sanitise(upload.FileName);
        var (type, refusal) = FileContent.Check(upload.Content, name);
        if (type is null)
        {
            return new SaveResult(null, refusal);
        }
        if (upload.Only is { } only && !only.Contains(type))
        {
            return new SaveResult(null, Refusal.NotAllowedType);
        }
        var encrypted = upload.Kind is DocumentKind.LegalRepresentativeId or DocumentKind.ObjectionAttachment; // personal data (PIPL Art. 51)
        var now = clock.GetUtcNow().UtcDateTime;
        var file = new StoredFile
        {
            Id = Guid.CreateVersion7(now),
            ApplicationId = upload.Owner.ApplicationId,
            DesignationId = upload.Owner.DesignationId,
            OwnerId = upload.Owner.OwnerId,
            Kind = upload.Kind,
            OriginalName = name,
            ContentType = type.ContentType,
            Size = upload.Content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(upload.Content)),
            StoredName = Guid.NewGuid().ToString("N"),
            Encrypted = encrypted,
            UploadedByUserId = userId,
            UploadedAtUtc = now,
        };
        var path = await WriteAsync(file.StoredName, encrypted ? _idCopies.Protect(upload.Content) : upload.Content, cancellationToken);
        try
        {
            if (upload.Replaces)
            {
                var replaced = await db.Set<StoredFile>()
                    .Where(f => f.OwnerId == upload.Owner.OwnerId && f.Kind == upload.Kind && f.DeletedAtUtc == null)
                    .ToListAsync(cancellationToken);
                replaced.ForEach(f => f.DeletedAtUtc = now);
            }
            db.Add(file);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        return new SaveResult(file, null);
    }

    /// <summary>The plaintext of a stored file, or null when its bytes are missing on disk.</summary>
    public async Task<byte[]?> ReadAsync(StoredFile file, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(Folder, file.StoredName);
        if (!File.Exists(path))
        {
            return null;
        }
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return file.Encrypted ? _idCopies.Unprotect(bytes) : bytes;
    }

    /// <summary>The filing documents present for the submit check (<see cref="SubmitContext.DocumentsPresent"/>).</summary>
    public static async Task<IReadOnlySet<FilingDocumentKind>> DocumentsPresentAsync(GuoheDbContext db, Guid applicationId)
    {
        var kinds = await db.Set<StoredFile>().AsNoTracking()
            .Where(f => f.ApplicationId == applicationId && f.DeletedAtUtc == null)
            .Select(f => f.Kind).Distinct().ToListAsync();
        return kinds.Select(Filing).OfType<FilingDocumentKind>().ToHashSet();
    }

    /// <summary>The domain's filing document a kind stands for; the signed form's scan is not one of them.</summary>
    public static FilingDocumentKind? Filing(DocumentKind kind) => kind switch
    {
        DocumentKind.BusinessLicence => FilingDocumentKind.BusinessLicence,
        DocumentKind.LegalRepresentativeId => FilingDocumentKind.LegalRepresentativeId,
        DocumentKind.OrganisationIntroduction => FilingDocumentKind.OrganisationIntroduction,
        _ => null,
    };

    private async Task<string> WriteAsync(string storedName, byte[] bytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, storedName);
        var temporary = path + ".tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.WriteThrough))
            {
                await stream.WriteAsync(bytes, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }
            File.Move(temporary, path);
            return path;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
