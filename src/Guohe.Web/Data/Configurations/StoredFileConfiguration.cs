using Guohe.Web.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guohe.Web.Data.Configurations;

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> file)
    {
        file.ToTable("StoredFiles");
        file.Property(f => f.Id).ValueGeneratedNever();
        file.Property(f => f.OriginalName).HasMaxLength(FileNames.MaxLength);
        file.Property(f => f.ContentType).HasMaxLength(100);
        file.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
        file.Property(f => f.StoredName).HasMaxLength(32);
        file.HasIndex(f => f.StoredName).IsUnique();
        file.HasIndex(f => new { f.ApplicationId, f.Kind });
        file.HasIndex(f => new { f.OwnerId, f.Kind });
        file.HasIndex(f => f.DesignationId);
        file.HasOne<Guohe.Domain.Applications.Application>().WithMany().HasForeignKey(f => f.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        file.HasOne<Guohe.Domain.Designations.Designation>().WithMany().HasForeignKey(f => f.DesignationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IdCopyViewConfiguration : IEntityTypeConfiguration<IdCopyView>
{
    public void Configure(EntityTypeBuilder<IdCopyView> view)
    {
        view.ToTable("IdCopyViews");
        view.Property(v => v.Id).ValueGeneratedNever();
        view.Property(v => v.Role).HasMaxLength(40);
        view.Property(v => v.Ip).HasMaxLength(45);
        view.HasIndex(v => v.StoredFileId);
        view.HasOne<StoredFile>().WithMany().HasForeignKey(v => v.StoredFileId).OnDelete(DeleteBehavior.Restrict);
    }
}
