using Guohe.Domain.Reviews;

namespace Guohe.Web.Features.Shared;

/// <summary>An expert's overall recommendation as a resource key.</summary>
public static class Recommendations
{
    public static string Label(OverallRecommendation recommendation) => recommendation switch
    {
        OverallRecommendation.Recommend => "推荐",
        OverallRecommendation.RecommendWithConditions => "有条件推荐",
        _ => "不推荐",
    };
}
