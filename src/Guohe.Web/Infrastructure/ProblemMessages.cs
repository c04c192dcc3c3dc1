using Guohe.Domain.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Guohe.Web.Infrastructure;

/// <summary>Shows the domain's problems (bilingual) on the form fields they name.</summary>
public static class ProblemMessages
{
    public static void AddProblems(this ModelStateDictionary modelState, IEnumerable<Problem> problems, string prefix = "Input.")
    {
        foreach (var problem in problems)
        {
            modelState.AddModelError(problem.Field is null ? string.Empty : prefix + problem.Field, problem.In(Cultures.IsEnglish));
        }
    }

    public static void AddProblems(this ModelStateDictionary modelState, DomainException error, string prefix = "Input.") =>
        modelState.AddProblems(error.Problems.Count > 0 ? error.Problems : [error.Problem], prefix);
}
