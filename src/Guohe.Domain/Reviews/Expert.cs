using Guohe.Domain.Common;
using Guohe.Domain.History;
using Guohe.Domain.Organisations;

namespace Guohe.Domain.Reviews;

/// <summary>The two associations that recommend the members of the Expert Committee (Art. 1, 5).</summary>
public enum RecommendingAssociation
{
    /// <summary>中国国际科学技术合作协会.</summary>
    Cistc,
    /// <summary>中国技术创业协会.</summary>
    Ctea,
}

/// <summary>The associations' names as the Measures write them (Art. 1).</summary>
public static class RecommendingAssociations
{
    public static string Zh(RecommendingAssociation association) => association switch
    {
        RecommendingAssociation.Cistc => "中国国际科学技术合作协会",
        _ => "中国技术创业协会",
    };
}

/// <summary>What the office records about a member of the expert pool (Art. 5). A value: replace it whole.</summary>
public sealed record ExpertDetails
{
    public string Name { get; init; } = string.Empty;

    /// <summary>职称/职务.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>工作单位.</summary>
    public string OrganisationName { get; init; } = string.Empty;

    /// <summary>The employer's 统一社会信用代码 where known (checked when given).</summary>
    public string OrganisationUscc { get; init; } = string.Empty;

    public string Province { get; init; } = string.Empty;

    /// <summary>Key fields of Art. 15 the expert covers.</summary>
    public KeyFields Fields { get; init; }

    public RecommendingAssociation RecommendedBy { get; init; }

    public string Email { get; init; } = string.Empty;

    public string Mobile { get; init; } = string.Empty;

    /// <summary>Organisations the expert has declared a conflict with: each a name or a 统一社会信用代码.</summary>
    public IReadOnlyList<string> DeclaredConflicts { get; init; } = [];

    /// <summary>The account the expert signs in with (Expert role); without one the expert cannot be assigned.</summary>
    public Guid? UserId { get; init; }

    public IReadOnlyList<Problem> Problems()
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add(new Problem("expert.name", "请填写专家姓名。", "Enter the expert's name.", nameof(Name)));
        }
        if (string.IsNullOrWhiteSpace(OrganisationName))
        {
            problems.Add(new Problem("expert.organisation", "请填写专家的工作单位。", "Enter the expert's organisation.", nameof(OrganisationName)));
        }
        if (OrganisationUscc.Length > 0 && !Uscc.TryParse(OrganisationUscc, out _, out var usccProblem))
        {
            problems.Add(usccProblem! with { Field = nameof(OrganisationUscc) });
        }
        if (string.IsNullOrWhiteSpace(Province))
        {
            problems.Add(new Problem("expert.province", "请选择专家所在省份。", "Choose the expert's province.", nameof(Province)));
        }
        if (Fields == KeyFields.None)
        {
            problems.Add(new Problem("expert.fields", "请至少选择一个重点领域（《办法》第十五条）。", "Choose at least one key field (Art. 15).", nameof(Fields)));
        }
        if (string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(Mobile))
        {
            problems.Add(new Problem("expert.contact", "请至少填写电子邮箱或手机之一。", "Enter an e-mail address or a mobile number.", nameof(Email)));
        }
        return problems;
    }
}

/// <summary>
/// A member of the expert pool (专家库): the Expert Committee members recommended by the two associations (Art. 5), kept by
/// the office. Site-visit and evaluation teams are picked from the active members with an account.
/// </summary>
public sealed class Expert : HistoryAggregate
{
    private Expert()
    {
    }

    public ExpertDetails Details { get; private set; } = new();

    public bool Active { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    protected override string AggregateType => "Expert";

    /// <summary>The office adds an expert to the pool (Art. 5).</summary>
    public static Expert Add(Actor actor, DateTime now, ExpertDetails details)
    {
        RequireUtc(now);
        RequireOffice(actor);
        var expert = new Expert { Id = Guid.CreateVersion7(now), Active = true, CreatedAtUtc = now };
        expert.Details = Clean(details);
        expert.Record(string.Empty, "Active", "AddExpert", actor, now, expert.Details.Name, History.Article.Art5);
        return expert;
    }

    /// <summary>The office corrects the record, or takes the expert out of (or back into) the active pool.</summary>
    public void Update(Actor actor, DateTime now, ExpertDetails details, bool active, string? note)
    {
        RequireUtc(now);
        RequireOffice(actor);
        var from = Active ? "Active" : "Inactive";
        Details = Clean(details);
        var trigger = active == Active ? "UpdateExpert" : active ? "ActivateExpert" : "DeactivateExpert";
        Active = active;
        Record(from, Active ? "Active" : "Inactive", trigger, actor, now, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), History.Article.Art5);
    }

    /// <summary>
    /// The conflicts of interest with an applicant (issue 4): the expert works for it, has declared a conflict with it, or
    /// took part in an earlier visit or evaluation of it.
    /// </summary>
    public ConflictKinds ConflictsWith(string organisationName, Uscc organisationUscc, bool pastInvolvement)
    {
        var conflicts = ConflictKinds.None;
        if (SameOrganisation(Details.OrganisationName, Details.OrganisationUscc, organisationName, organisationUscc))
        {
            conflicts |= ConflictKinds.SameOrganisation;
        }
        if (Details.DeclaredConflicts.Any(d => SameOrganisation(d, d, organisationName, organisationUscc)))
        {
            conflicts |= ConflictKinds.Declared;
        }
        if (pastInvolvement)
        {
            conflicts |= ConflictKinds.PastInvolvement;
        }
        return conflicts;
    }

    private static bool SameOrganisation(string name, string uscc, string otherName, Uscc otherUscc) =>
        (uscc.Length > 0 && otherUscc.Value is not null && string.Equals(uscc.Trim(), otherUscc.Value, StringComparison.OrdinalIgnoreCase))
        || (name.Length > 0 && NormalisedName(name) == NormalisedName(otherName));

    /// <summary>An organisation name for comparison: full-width forms folded, spaces and brackets removed, case ignored.</summary>
    public static string NormalisedName(string name) =>
        new([.. name.Normalize(System.Text.NormalizationForm.FormKC)
            .Where(c => !char.IsWhiteSpace(c) && c is not ('(' or ')' or '（' or '）'))
            .Select(char.ToUpperInvariant)]);

    private static ExpertDetails Clean(ExpertDetails details)
    {
        var problems = details.Problems();
        if (problems.Count > 0)
        {
            throw new DomainException(problems);
        }
        return details with
        {
            Name = details.Name.Trim(),
            Title = details.Title.Trim(),
            OrganisationName = details.OrganisationName.Trim(),
            OrganisationUscc = details.OrganisationUscc.Trim().ToUpperInvariant(),
            Province = details.Province.Trim(),
            Email = details.Email.Trim(),
            Mobile = details.Mobile.Trim(),
            DeclaredConflicts = [.. details.DeclaredConflicts.Select(d => d.Trim()).Where(d => d.Length > 0).Distinct()],
        };
    }

    private static void RequireOffice(Actor actor)
    {
        if (actor.Role != Role.Office)
        {
            throw new DomainException(new Problem("expert.role", "只有办公室可以维护专家库。", "Only the office maintains the expert pool."));
        }
    }
}

/// <summary>Why an expert should not sit on a team (issue 4; the office may override each with a recorded reason).</summary>
[Flags]
public enum ConflictKinds
{
    None = 0,
    /// <summary>同一单位: the expert works for the applicant.</summary>
    SameOrganisation = 1,
    /// <summary>本人申报回避.</summary>
    Declared = 2,
    /// <summary>曾参与该单位的调研或评估.</summary>
    PastInvolvement = 4,
}

/// <summary>An expert the office may put on a team, as the team picker sees them.</summary>
public sealed record TeamCandidate(Guid ExpertUserId, string Name, KeyFields Fields, int AssignedThisYear, ConflictKinds Conflicts);

/// <summary>"Suggest a team": cover the applicant's key fields, avoid conflicts, balance the load.</summary>
public static class TeamSuggestion
{
    /// <summary>
    /// Picks up to <paramref name="size"/> candidates without conflicts: each pick is the one adding most of the wanted fields
    /// not yet covered, then the least loaded this year, then by name. The first pick (the best fit) leads.
    /// </summary>
    public static IReadOnlyList<ExpertAssignment> Suggest(IEnumerable<TeamCandidate> candidates, KeyFields wanted, int size)
    {
        var pool = candidates.Where(c => c.Conflicts == ConflictKinds.None).ToList();
        var team = new List<ExpertAssignment>();
        var uncovered = wanted;
        while (team.Count < size && pool.Count > 0)
        {
            var next = pool
                .OrderByDescending(c => Count(c.Fields & uncovered))
                .ThenByDescending(c => Count(c.Fields & wanted))
                .ThenBy(c => c.AssignedThisYear)
                .ThenBy(c => c.Name, StringComparer.Ordinal)
                .First();
            pool.Remove(next);
            uncovered &= ~next.Fields;
            team.Add(new ExpertAssignment(next.ExpertUserId, next.Name, team.Count == 0));
        }
        return team;
    }

    /// <summary>The wanted fields no candidate without conflicts covers.</summary>
    public static KeyFields Uncoverable(IEnumerable<TeamCandidate> candidates, KeyFields wanted) =>
        candidates.Where(c => c.Conflicts == ConflictKinds.None).Aggregate(wanted, (left, c) => left & ~c.Fields);

    private static int Count(KeyFields fields) => System.Numerics.BitOperations.PopCount((uint)fields);
}
