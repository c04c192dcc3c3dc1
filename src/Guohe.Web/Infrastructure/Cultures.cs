using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Infrastructure;

public static class Cultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public static readonly string[] All = [Chinese, English];

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>Model binding's own messages ("the value is invalid") in the user's language.</summary>
    public static void LocalizeModelBinding(MvcOptions options, IStringLocalizerFactory factory)
    {
        var l = factory.Create(typeof(SharedResource));
        var m = options.ModelBindingMessageProvider;
        m.SetAttemptedValueIsInvalidAccessor((_, field) => l["“{0}”的值无效。", field]);
        m.SetMissingBindRequiredValueAccessor(field => l["请填写{0}。", field]);
        m.SetMissingKeyOrValueAccessor(() => l["请填写此项。"]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => l["请求内容为空。"]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => l["输入的值无效。"]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["输入的值无效。"]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => l["请输入数字。"]);
        m.SetUnknownValueIsInvalidAccessor(field => l["“{0}”的值无效。", field]);
        m.SetValueIsInvalidAccessor(_ => l["输入的值无效。"]);
        m.SetValueMustBeANumberAccessor(field => l["{0}应为数字。", field]);
        m.SetValueMustNotBeNullAccessor(field => l["请填写{0}。", field]);
    }
}
