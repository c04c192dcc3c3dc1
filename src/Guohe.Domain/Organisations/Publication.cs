using Guohe.Domain.Common;

namespace Guohe.Domain.Organisations;

/// <summary>
/// 公开信息: what a designated unit agrees to show on its public page (Art. 11(7), 17) beyond its name, province, type, level,
/// key fields, stage and recognition date — an introduction, its website, its achievements and whether its partner countries
/// are shown. Nothing here is shown unless the unit entered it; people and their contacts are never part of it.
/// A value: replace it whole.
/// </summary>
public sealed record Publication
{
    public const int IntroductionLength = 2000;
    public const int WebsiteLength = 200;
    public const int AchievementsLength = 2000;

    public static Publication None { get; } = new();

    /// <summary>单位简介 as the unit wants the public to read it.</summary>
    public string Introduction { get; init; } = string.Empty;

    /// <summary>单位网址: an absolute http or https address.</summary>
    public string Website { get; init; } = string.Empty;

    /// <summary>主要成果 as the unit wants the public to read them.</summary>
    public string Achievements { get; init; } = string.Empty;

    /// <summary>Whether the countries of its partner institutions (from its filed summaries) are shown.</summary>
    public bool ShowPartnerCountries { get; init; }

    /// <summary>The same values trimmed, as they are stored.</summary>
    public Publication Trimmed() => this with { Introduction = Introduction.Trim(), Website = Website.Trim(), Achievements = Achievements.Trim() };

    /// <summary>What is wrong with the values (each problem names its field); empty when they may be published.</summary>
    public IReadOnlyList<Problem> Check()
    {
        var trimmed = Trimmed();
        var problems = new List<Problem>();
        if (trimmed.Introduction.Length > IntroductionLength)
        {
            problems.Add(new Problem("publication.introduction", $"单位简介不能超过{IntroductionLength}个字。",
                $"The introduction may have at most {IntroductionLength} characters.", nameof(Introduction)));
        }
        if (trimmed.Achievements.Length > AchievementsLength)
        {
            problems.Add(new Problem("publication.achievements", $"主要成果不能超过{AchievementsLength}个字。",
                $"The achievements may have at most {AchievementsLength} characters.", nameof(Achievements)));
        }
        if (trimmed.Website.Length > WebsiteLength)
        {
            problems.Add(new Problem("publication.website-length", $"网址不能超过{WebsiteLength}个字符。",
                $"The website address may have at most {WebsiteLength} characters.", nameof(Website)));
        }
        else if (trimmed.Website.Length > 0 && !IsWebAddress(trimmed.Website))
        {
            problems.Add(new Problem("publication.website", "网址应为以 http:// 或 https:// 开头的完整网址，例如 https://www.example.cn。",
                "The website must be a full address starting with http:// or https://, e.g. https://www.example.cn.", nameof(Website)));
        }
        return problems;
    }

    /// <summary>An absolute http(s) address with a host name, without user information or spaces.</summary>
    public static bool IsWebAddress(string text) =>
        !text.Any(char.IsWhiteSpace)
        && Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Contains('.', StringComparison.Ordinal)
        && string.IsNullOrEmpty(uri.UserInfo);
}
