using Guohe.Domain.Common;
using Guohe.Domain.History;

namespace Guohe.Domain.Organisations;

/// <summary>单位: an applicant, pilot unit or base, identified by its <see cref="Uscc"/> (Art. 2, 10).</summary>
public sealed class Organisation : HistoryAggregate
{
    private Organisation()
    {
        Name = string.Empty;
        LiaisonName = string.Empty;
        LiaisonEmail = string.Empty;
        LiaisonMobile = string.Empty;
    }

    public Uscc Uscc { get; private set; }

    /// <summary>单位名称.</summary>
    public string Name { get; private set; }

    /// <summary>联络人 (Art. 8): the default recipient of every notice.</summary>
    public string LiaisonName { get; private set; }

    public string LiaisonEmail { get; private set; }

    public string LiaisonMobile { get; private set; }

    public DateTime RegisteredAtUtc { get; private set; }

    /// <summary>The Form 1 unit profile, copied into each new application.</summary>
    public UnitProfile Profile { get; private set; } = UnitProfile.Empty;

    public DateTime? ProfileUpdatedAtUtc { get; private set; }

    /// <summary>What the unit agrees to publish on its public page (Art. 11(7), 17).</summary>
    public Publication Publication { get; private set; } = Publication.None;

    public DateTime? PublicationUpdatedAtUtc { get; private set; }

    protected override string AggregateType => "Organisation";

    /// <summary>Replaces the unit profile (Form 1). Applications already created keep their own copy.</summary>
    public void UpdateProfile(Actor actor, DateTime now, UnitProfile profile)
    {
        if (actor.Role is not (Role.Applicant or Role.Office))
        {
            throw new DomainException(new Problem("organisation.role",
                "只有申请单位或办公室可以修改单位信息。",
                "Only the unit itself or the office may change the unit profile."));
        }
        Profile = profile with { };
        ProfileUpdatedAtUtc = now;
    }

    /// <summary>Changes the liaison person (联络人, Art. 8), the default recipient of every notice.</summary>
    public void ChangeLiaison(Actor actor, DateTime now, string name, string email, string mobile)
    {
        if (actor.Role is not (Role.Applicant or Role.Office))
        {
            throw new DomainException(new Problem("organisation.role",
                "只有申请单位或办公室可以修改联络人。",
                "Only the unit itself or the office may change the liaison person."));
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException(new Problem("organisation.liaison", "请填写联络人姓名。", "Enter the liaison person's name.", "LiaisonName"));
        }
        var before = $"{LiaisonName} {LiaisonEmail} {LiaisonMobile}".Trim();
        LiaisonName = name.Trim();
        LiaisonEmail = email.Trim();
        LiaisonMobile = mobile.Trim();
        ProfileUpdatedAtUtc = now;
        Record("Registered", "Registered", "ChangeLiaison", actor, now, $"{before} → {LiaisonName} {LiaisonEmail} {LiaisonMobile}".TrimEnd(), Article.Art8);
    }

    /// <summary>
    /// The unit decides what the public may see on its page (Art. 11(7), 17): introduction, website, achievements and whether its
    /// partner countries are shown. Only the unit itself decides; invalid values are refused whole. Recorded in the history.
    /// </summary>
    public void Publish(Actor actor, DateTime now, Publication publication)
    {
        RequireUtc(now);
        if (actor.Role != Role.Applicant)
        {
            throw new DomainException(new Problem("organisation.publication-role",
                "只有单位自己可以决定公开哪些信息。",
                "Only the unit itself decides what is published about it."));
        }
        var problems = publication.Check();
        if (problems.Count > 0)
        {
            throw new DomainException(problems);
        }
        var trimmed = publication.Trimmed();
        Publication = trimmed;
        PublicationUpdatedAtUtc = now;
        Record("Registered", "Registered", "Publish", actor, now,
            $"简介{trimmed.Introduction.Length}字；网址 {(trimmed.Website.Length > 0 ? trimmed.Website : "—")}；成果{trimmed.Achievements.Length}字；合作国家{(trimmed.ShowPartnerCountries ? "公开" : "不公开")}",
            Article.Art17);
    }

    /// <summary>
    /// The office records an organisation recognised as a pilot unit or base before Guohe existed (imported from a
    /// spreadsheet). The one history record names the actor, <paramref name="source"/> (file and row) and the article of the
    /// recognition. The unit's people register their own accounts later.
    /// </summary>
    public static Organisation Import(
        Actor actor, DateTime now, Uscc uscc, string name, string liaisonName, string liaisonEmail, string liaisonMobile,
        UnitProfile profile, string source, string article)
    {
        RequireUtc(now);
        if (actor.Role != Role.Office)
        {
            throw new DomainException(new Problem("organisation.role",
                "只有办公室可以导入单位。",
                "Only the office may import organisations."));
        }
        var text = RequireText(source, "import.source", "请说明导入来源。", "State where the organisation is imported from.");
        var organisation = Register(uscc, name, liaisonName, liaisonEmail, liaisonMobile, now);
        organisation.Profile = profile with { };
        organisation.ProfileUpdatedAtUtc = now;
        organisation.Record(string.Empty, "Registered", "Import", actor, now, $"{organisation.Name}；{text}", article);
        return organisation;
    }

    /// <summary>
    /// Registers a new organisation (self-registration of an applicant unit). With <paramref name="registeredBy"/> (the new
    /// account) the registration is the first record of its history.
    /// </summary>
    public static Organisation Register(Uscc uscc, string name, string liaisonName, string liaisonEmail, string liaisonMobile, DateTime now, Actor? registeredBy = null)
    {
        if (uscc.Value is null)
        {
            throw new DomainException(new Problem("uscc.empty", "请填写统一社会信用代码。", "Enter the unified social credit code.", "Uscc"));
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException(new Problem("organisation.name", "请填写单位名称。", "Enter the organisation's name.", "Name"));
        }
        var organisation = new Organisation
        {
            Id = Guid.CreateVersion7(now),
            Uscc = uscc,
            Name = name.Trim(),
            LiaisonName = liaisonName.Trim(),
            LiaisonEmail = liaisonEmail.Trim(),
            LiaisonMobile = liaisonMobile.Trim(),
            RegisteredAtUtc = now,
        };
        if (registeredBy is { } actor)
        {
            organisation.Record(string.Empty, "Registered", "Register", actor, now, $"{organisation.Name}；联络人 {organisation.LiaisonName}", Article.Art8);
        }
        return organisation;
    }
}
