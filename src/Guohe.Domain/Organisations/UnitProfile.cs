namespace Guohe.Domain.Organisations;

/// <summary>单位性质 — type (Form 1; Art. 2 and 10 name incubators, enterprises, universities/institutes and parks).</summary>
public enum UnitType
{
    /// <summary>孵化器.</summary>
    Incubator,
    /// <summary>企业.</summary>
    Enterprise,
    /// <summary>科研院所.</summary>
    ResearchInstitute,
    /// <summary>高校.</summary>
    University,
    /// <summary>园区.</summary>
    Park,
}

/// <summary>单位性质 — ownership (Form 1).</summary>
public enum Ownership
{
    /// <summary>国有.</summary>
    StateOwned,
    /// <summary>民营.</summary>
    Private,
}

/// <summary>单位性质 — level (Form 1). Only national or provincial units may apply (Art. 4, 10: 省级以上).</summary>
public enum UnitLevel
{
    /// <summary>国家级.</summary>
    National,
    /// <summary>省级.</summary>
    Provincial,
    /// <summary>其他 (below provincial level: may register, may not submit).</summary>
    Other,
}

/// <summary>The key fields of international S&amp;T cooperation (Art. 15); a unit may name several.</summary>
[Flags]
public enum KeyFields
{
    None = 0,
    /// <summary>新能源.</summary>
    NewEnergy = 1,
    /// <summary>新材料.</summary>
    NewMaterials = 2,
    /// <summary>先进制造.</summary>
    AdvancedManufacturing = 4,
    /// <summary>电子信息.</summary>
    ElectronicInformation = 8,
    /// <summary>现代农业.</summary>
    ModernAgriculture = 16,
    /// <summary>生物健康.</summary>
    BioHealth = 32,
    /// <summary>节能环保.</summary>
    EnergySavingEnvironment = 64,
}

/// <summary>The Chinese names of the key fields, in the order of Art. 15.</summary>
public static class KeyFieldNames
{
    public static IReadOnlyList<(KeyFields Field, string Zh)> All { get; } =
    [
        (KeyFields.NewEnergy, "新能源"), (KeyFields.NewMaterials, "新材料"), (KeyFields.AdvancedManufacturing, "先进制造"),
        (KeyFields.ElectronicInformation, "电子信息"), (KeyFields.ModernAgriculture, "现代农业"), (KeyFields.BioHealth, "生物健康"),
        (KeyFields.EnergySavingEnvironment, "节能环保"),
    ];

    /// <summary>The single fields set in <paramref name="fields"/>, in the order of Art. 15.</summary>
    public static IEnumerable<(KeyFields Field, string Zh)> Of(KeyFields fields) => All.Where(f => fields.HasFlag(f.Field));
}

/// <summary>
/// The unit profile of Form 1 (网址、地址、法定代表人、员工总数、孵化面积、服务企业数量、海外孵化基地、单位性质) plus
/// the key fields of Art. 15 and the province. Kept on the <see cref="Organisation"/> and copied into each application.
/// A value: replace it whole (<c>profile with { … }</c>).
/// </summary>
public sealed record UnitProfile
{
    public static UnitProfile Empty { get; } = new();

    /// <summary>网址.</summary>
    public string Website { get; init; } = string.Empty;

    /// <summary>地址.</summary>
    public string Address { get; init; } = string.Empty;

    /// <summary>法定代表人.</summary>
    public string LegalRepresentative { get; init; } = string.Empty;

    /// <summary>员工总数.</summary>
    public int? TotalStaff { get; init; }

    /// <summary>孵化面积 in square metres.</summary>
    public decimal? IncubationAreaSquareMetres { get; init; }

    /// <summary>服务企业数量.</summary>
    public int? EnterprisesServed { get; init; }

    /// <summary>是否有海外孵化基地 (null: not answered).</summary>
    public bool? HasOverseasBase { get; init; }

    /// <summary>海外孵化基地个数, when <see cref="HasOverseasBase"/>.</summary>
    public int? OverseasBaseCount { get; init; }

    public UnitType? UnitType { get; init; }

    public Ownership? Ownership { get; init; }

    public UnitLevel? Level { get; init; }

    /// <summary>Key fields of Art. 15.</summary>
    public KeyFields KeyFields { get; init; }

    /// <summary>省份 (name or GB/T 2260 code, as the web layer chooses).</summary>
    public string Province { get; init; } = string.Empty;
}
