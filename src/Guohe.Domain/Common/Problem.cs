namespace Guohe.Domain.Common;

/// <summary>
/// Something a user can fix, or the reason a verb refused to act. Every problem carries its
/// message in Chinese (first) and English, because the domain has no localisation framework.
/// </summary>
/// <param name="Code">A stable machine code, e.g. <c>uscc.checksum</c>.</param>
/// <param name="Zh">The message in Chinese.</param>
/// <param name="En">The message in English.</param>
/// <param name="Field">The form field the problem is about, when there is one.</param>
public sealed record Problem(string Code, string Zh, string En, string? Field = null)
{
    public string In(bool english) => english ? En : Zh;
}

/// <summary>Thrown when a verb is called where the rules do not allow it (illegal, not merely incomplete).</summary>
public sealed class DomainException : Exception
{
    public DomainException(Problem problem) : base($"{problem.Code}: {problem.En}")
    {
        Problem = problem;
    }

    public DomainException(IReadOnlyList<Problem> problems)
        : this(problems.Count > 0 ? problems[0] : new Problem("unknown", "操作不被允许。", "The operation is not allowed."))
    {
        Problems = problems;
    }

    public Problem Problem { get; }

    public IReadOnlyList<Problem> Problems { get; } = [];
}
