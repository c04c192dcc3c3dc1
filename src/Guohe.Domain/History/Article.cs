namespace Guohe.Domain.History;

/// <summary>
/// Citations of the Measures (国际科技合作孵化基地管理办法（试行版）): Art. N is 第N条, Art. N(k) its item （k）.
/// Every transition row and every history record cites one of these.
/// </summary>
public static class Article
{
    /// <summary>自愿、公开、共建、共享 — participation is voluntary (withdrawal).</summary>
    public const string Art3 = "Art. 3";
    /// <summary>Yearly selection of pilot units (batches); pilot term of two years.</summary>
    public const string Art4 = "Art. 4";
    /// <summary>Expert Committee: consultation, acceptance and evaluation.</summary>
    public const string Art5 = "Art. 5";
    /// <summary>The Alliance accepts applications and organises recognition.</summary>
    public const string Art7_1 = "Art. 7(1)";
    /// <summary>The Alliance tracks, guides and evaluates yearly (dynamic management).</summary>
    public const string Art7_3 = "Art. 7(3)";
    /// <summary>The Alliance promotes the bases' successful experience (success stories).</summary>
    public const string Art7_4 = "Art. 7(4)";
    /// <summary>The pilot names a liaison and files yearly plans and summaries on time.</summary>
    public const string Art8 = "Art. 8";
    /// <summary>Construction content: talent, resource network, platforms, Belt and Road, brand events, customised; partners.</summary>
    public const string Art9 = "Art. 9";
    /// <summary>Conditions an applicant must meet (provincial level or above; four conditions).</summary>
    public const string Art10 = "Art. 10";
    /// <summary>Recommended by an incubator association, or self-applied.</summary>
    public const string Art11_1 = "Art. 11(1)";
    /// <summary>The applicant files the application form (Form 1).</summary>
    public const string Art11_2 = "Art. 11(2)";
    /// <summary>The office's preliminary review with its opinion.</summary>
    public const string Art11_3 = "Art. 11(3)";
    /// <summary>The office organises the experts' site visit.</summary>
    public const string Art11_4 = "Art. 11(4)";
    /// <summary>The experts' written review opinions.</summary>
    public const string Art11_5 = "Art. 11(5)";
    /// <summary>Review-opinion letter; the two associations grant the pilot title.</summary>
    public const string Art11_6 = "Art. 11(6)";
    /// <summary>Public listing of pilot units.</summary>
    public const string Art11_7 = "Art. 11(7)";
    /// <summary>Annual work plan (Form 2), executed per the office's opinion.</summary>
    public const string Art12_1 = "Art. 12(1)";
    /// <summary>Carrying out the plan.</summary>
    public const string Art12_2 = "Art. 12(2)";
    /// <summary>Annual work summary (Form 3) at year end; the office's annual review.</summary>
    public const string Art12_3 = "Art. 12(3)";
    /// <summary>Disqualification for missing plan/summary or unexecuted plan; two-year ban.</summary>
    public const string Art12_4 = "Art. 12(4)";
    /// <summary>The construction period is two years.</summary>
    public const string Art12_5 = "Art. 12(5)";
    /// <summary>Construction summary (Form 4) after the construction period.</summary>
    public const string Art13_1 = "Art. 13(1)";
    /// <summary>Preliminary review of the summary and on-site evaluation by experts.</summary>
    public const string Art13_2 = "Art. 13(2)";
    /// <summary>Base title granted, pilot extended one year, or cancelled with a two-year ban.</summary>
    public const string Art13_3 = "Art. 13(3)";
    /// <summary>Later management of bases: yearly evaluation, commendation, public notice, revocation, two-year ban.</summary>
    public const string Art14 = "Art. 14";
    /// <summary>The two associations and the Alliance publish information on the bases on their websites.</summary>
    public const string Art17 = "Art. 17";
    /// <summary>Survey, expert review and technology service fees are borne by the applicant.</summary>
    public const string Art18 = "Art. 18";

    /// <summary>Every citation above, in order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Art3, Art4, Art5, Art7_1, Art7_3, Art7_4, Art8, Art9, Art10, Art11_1, Art11_2, Art11_3, Art11_4, Art11_5, Art11_6, Art11_7,
        Art12_1, Art12_2, Art12_3, Art12_4, Art12_5, Art13_1, Art13_2, Art13_3, Art14, Art17, Art18,
    ];

    /// <summary>The citation in Chinese, e.g. "Art. 11(3)" → 第十一条第（三）项.</summary>
    public static string Zh(string article)
    {
        var text = article.Replace("Art. ", string.Empty, StringComparison.Ordinal);
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var number = int.Parse(open < 0 ? text : text[..open], System.Globalization.CultureInfo.InvariantCulture);
        var zh = $"第{Numeral(number)}条";
        if (open >= 0)
        {
            var item = int.Parse(text[(open + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            zh += $"第（{Numeral(item)}）项";
        }
        return zh;
    }

    private static string Numeral(int n)
    {
        const string digits = "零一二三四五六七八九";
        return n switch
        {
            < 10 => digits[n].ToString(),
            10 => "十",
            < 20 => "十" + digits[n % 10],
            _ => digits[n / 10] + "十" + (n % 10 == 0 ? string.Empty : digits[n % 10].ToString()),
        };
    }
}
