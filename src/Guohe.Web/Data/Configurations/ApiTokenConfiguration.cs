using Guohe.Web.Api;
using Guohe.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guohe.Web.Data.Configurations;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> token)
    {
        token.ToTable("ApiTokens");
        token.Property(t => t.Id).ValueGeneratedNever();
        token.Property(t => t.Name).HasMaxLength(ApiTokens.MaxNameLength);
        token.Property(t => t.Hash).HasMaxLength(64).IsFixedLength(false);
        token.Property(t => t.Prefix).HasMaxLength(16);
        token.HasIndex(t => t.Hash).IsUnique();
        token.HasIndex(t => t.UserId);
        token.HasOne<GuoheUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
