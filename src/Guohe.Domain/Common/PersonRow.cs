namespace Guohe.Domain.Common;

/// <summary>
/// One person row of the forms (Form 1: 单位负责人、主要负责人、联系人; Forms 2–4: 制表人): 姓名、职务、电话、电子邮箱、手机.
/// A value, owned by the row's aggregate.
/// </summary>
public sealed record PersonRow(string Name, string Title, string Phone, string Email, string Mobile)
{
    public static PersonRow Empty { get; } = new(string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);

    /// <summary>Trims every field.</summary>
    public PersonRow Normalised() => new(Name.Trim(), Title.Trim(), Phone.Trim(), Email.Trim(), Mobile.Trim());

    /// <summary>Missing or malformed fields of the row, named after <paramref name="field"/> (e.g. UnitHead) and <paramref name="labelZh"/> (e.g. 单位负责人).</summary>
    public IEnumerable<Problem> Problems(string field, string labelZh, string labelEn)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return new Problem("person.name", $"请填写{labelZh}的姓名。", $"Enter the name of the {labelEn}.", $"{field}.Name");
        }
        if (string.IsNullOrWhiteSpace(Title))
        {
            yield return new Problem("person.title", $"请填写{labelZh}的职务。", $"Enter the job title of the {labelEn}.", $"{field}.Title");
        }
        if (string.IsNullOrWhiteSpace(Phone))
        {
            yield return new Problem("person.phone", $"请填写{labelZh}的电话。", $"Enter the telephone number of the {labelEn}.", $"{field}.Phone");
        }
        if (string.IsNullOrWhiteSpace(Email))
        {
            yield return new Problem("person.email", $"请填写{labelZh}的电子邮箱。", $"Enter the email address of the {labelEn}.", $"{field}.Email");
        }
        else if (!LooksLikeEmail(Email))
        {
            yield return new Problem("person.email.format", $"{labelZh}的电子邮箱格式不正确（例如 name@example.cn）。", $"The email address of the {labelEn} is not valid (e.g. name@example.cn).", $"{field}.Email");
        }
        if (string.IsNullOrWhiteSpace(Mobile))
        {
            yield return new Problem("person.mobile", $"请填写{labelZh}的手机号码。", $"Enter the mobile number of the {labelEn}.", $"{field}.Mobile");
        }
        else if (!LooksLikeMobile(Mobile))
        {
            yield return new Problem("person.mobile.format", $"{labelZh}的手机号码应为11位数字，以1开头。", $"The mobile number of the {labelEn} must be 11 digits starting with 1.", $"{field}.Mobile");
        }
    }

    private static bool LooksLikeEmail(string email)
    {
        var text = email.Trim();
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == text.LastIndexOf('@') && text.IndexOf('.', at) > at + 1 && !text.EndsWith('.') && !text.Contains(' ', StringComparison.Ordinal);
    }

    private static bool LooksLikeMobile(string mobile)
    {
        var digits = mobile.Trim().Replace("-", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (digits.StartsWith("+86", StringComparison.Ordinal))
        {
            digits = digits[3..];
        }
        return digits.Length == 11 && digits[0] == '1' && digits.All(char.IsAsciiDigit);
    }
}
