using Guohe.Domain.Common;
using Guohe.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guohe.Web.Data.Configurations;

/// <summary>Shared pieces of the aggregate mappings.</summary>
internal static class Mapping
{
    public const int NameLength = 200;
    public const int ArticleLength = 20;
    public const int TextLength = 8000;

    public static PropertyBuilder<Uscc> MapUscc(this PropertyBuilder<Uscc> property) =>
        property.HasConversion(uscc => uscc.Value, value => Uscc.Parse(value)).HasMaxLength(18).IsRequired();

    /// <summary>A single person row as columns of the owner's table.</summary>
    public static void MapPerson(ComplexPropertyBuilder<PersonRow> person)
    {
        person.Property(p => p.Name).HasMaxLength(100);
        person.Property(p => p.Title).HasMaxLength(100);
        person.Property(p => p.Phone).HasMaxLength(40);
        person.Property(p => p.Email).HasMaxLength(256);
        person.Property(p => p.Mobile).HasMaxLength(20);
    }

    public static void MapProfile(ComplexPropertyBuilder<UnitProfile> profile)
    {
        profile.Property(p => p.Website).HasMaxLength(300);
        profile.Property(p => p.Address).HasMaxLength(300);
        profile.Property(p => p.LegalRepresentative).HasMaxLength(50);
        profile.Property(p => p.Province).HasMaxLength(20);
        profile.Property(p => p.IncubationAreaSquareMetres).HasPrecision(14, 2);
    }

    /// <summary>
    /// A list of value rows kept in the aggregate's private <c>List&lt;T&gt;</c> field (exposed read-only), stored as one JSON column.
    /// </summary>
    public static void JsonRows<TEntity, TElement>(this EntityTypeBuilder<TEntity> entity, string field, string column)
        where TEntity : class
        where TElement : notnull =>
        entity.ComplexCollection<List<TElement>, TElement>(field, rows => rows.ToJson(column));
}
