using Guohe.Domain.Common;
using Guohe.Domain.History;

namespace Guohe.Domain.Partners;

/// <summary>
/// What the programme keeps about a foreign country (ISO 3166-1 alpha-2): whether it has signed a Belt and Road cooperation
/// document with China (共建“一带一路”国家, Art. 9(4)), so the statistics can mark those partner countries. The list changes
/// as countries sign; the administrator keeps it, and every change is a history record (who, when, why). A country without
/// an entry is not marked.
/// </summary>
public sealed class PartnerCountry : HistoryAggregate
{
    private PartnerCountry()
    {
        Code = string.Empty;
    }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string Code { get; private set; }

    /// <summary>共建“一带一路”国家.</summary>
    public bool IsBeltAndRoad { get; private set; }

    public DateTime ChangedAtUtc { get; private set; }

    public string ChangedByName { get; private set; } = string.Empty;

    protected override string AggregateType => "PartnerCountry";

    /// <summary>The first entry of a country, made by its first change.</summary>
    public static PartnerCountry Create(DateTime now, string code)
    {
        RequireUtc(now);
        var clean = code.Trim().ToUpperInvariant();
        if (clean.Length != 2 || !clean.All(char.IsAsciiLetterUpper))
        {
            throw new DomainException(new Problem("country.code", "国别代码应为两个字母（ISO 3166-1）。", "A country code has two letters (ISO 3166-1)."));
        }
        return new PartnerCountry { Id = Guid.CreateVersion7(now), Code = clean };
    }

    /// <summary>
    /// The administrator marks or unmarks the country as a Belt and Road partner, with a note (e.g. the date and source of the
    /// signed document). Setting the value it already has changes nothing and records nothing.
    /// </summary>
    public bool SetBeltAndRoad(Actor actor, DateTime now, bool isBeltAndRoad, string? note)
    {
        RequireUtc(now);
        if (actor.Role != Role.Admin)
        {
            throw new DomainException(new Problem("country.role", "只有系统管理员可以维护共建“一带一路”国家名单。", "Only the administrator keeps the list of Belt and Road countries."));
        }
        if (isBeltAndRoad == IsBeltAndRoad && HistoryLength > 0)
        {
            return false;
        }
        var from = HistoryLength == 0 ? string.Empty : State(IsBeltAndRoad);
        IsBeltAndRoad = isBeltAndRoad;
        ChangedAtUtc = now;
        ChangedByName = actor.Name;
        Record(from, State(isBeltAndRoad), isBeltAndRoad ? "MarkBeltAndRoad" : "UnmarkBeltAndRoad", actor, now, $"{Code} {note?.Trim()}".TrimEnd(), Article.Art9);
        return true;
    }

    private static string State(bool isBeltAndRoad) => isBeltAndRoad ? "BeltAndRoad" : "NotBeltAndRoad";
}
