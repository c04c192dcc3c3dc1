using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace Guohe.Web.Infrastructure;

/// <summary>
/// What a person can type, and nothing else (issue 9, Trust; ASVS 1.2/1.3): every text a form or a JSON body brings loses its
/// control characters (tab and line breaks kept — a text area sends them) and its bidirectional embeddings, overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069), which make a name read backwards (“gnp.exe” shown as “exe.png”). PostgreSQL
/// refuses U+0000 in text outright, so without this a stray NUL was a 500 there and a stored oddity on SQLite.
/// </summary>
public static class InputText
{
    /// <summary>The text without the characters above; the same instance when there were none.</summary>
    public static string Clean(string text)
    {
        var first = IndexOfUnwanted(text);
        if (first < 0)
        {
            return text;
        }
        var kept = new StringBuilder(text.Length);
        kept.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            if (!Unwanted(text[i]))
            {
                kept.Append(text[i]);
            }
        }
        return kept.ToString();
    }

    public static bool Unwanted(char c) =>
        (char.IsControl(c) && c is not ('\t' or '\r' or '\n')) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static int IndexOfUnwanted(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (Unwanted(text[i]))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Cleans every string a page binds (form fields, lists of them); registered first among the binders.</summary>
    public sealed class BinderProvider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context)
        {
            var type = context.Metadata.ModelType;
            if (type != typeof(string) && type != typeof(bool) && type != typeof(bool?))
            {
                return null;
            }
            var source = context.BindingInfo.BindingSource;
            if (source is not null && (source == BindingSource.Header || source == BindingSource.Body || source == BindingSource.Services
                || source == BindingSource.Special || source == BindingSource.FormFile))
            {
                return null; // those have binders of their own
            }
            return type == typeof(string)
                ? new Binder(new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>()))
                : new CheckBinder();
        }
    }

    /// <summary>
    /// A check box is ticked (“true”, or “on” without a value) or not: any other posted value counts as not ticked. MVC would keep
    /// the value and throw when the page is shown again with it (dotnet/aspnetcore#55512), a 500 for “Consent=abc”.
    /// </summary>
    private sealed class CheckBinder : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var posted = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
            if (posted == ValueProviderResult.None)
            {
                return Task.CompletedTask;
            }
            var first = posted.FirstValue?.Trim();
            var ticked = string.Equals(first, "on", StringComparison.OrdinalIgnoreCase) || (bool.TryParse(first, out var value) && value);
            if (!ticked && bindingContext.ModelType == typeof(bool?) && string.IsNullOrEmpty(first))
            {
                bindingContext.ModelState.SetModelValue(bindingContext.ModelName, posted);
                bindingContext.Result = ModelBindingResult.Success(null);
                return Task.CompletedTask;
            }
            var text = ticked ? "true" : "false";
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, rawValue: text, attemptedValue: text);
            bindingContext.Result = ModelBindingResult.Success(ticked);
            return Task.CompletedTask;
        }
    }

    private sealed class Binder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (bindingContext.Result is { IsModelSet: true, Model: string text })
            {
                bindingContext.Result = ModelBindingResult.Success(Clean(text));
            }
        }
    }

    /// <summary>Cleans every string a JSON body brings (the REST API's writes); writes strings as they are.</summary>
    public sealed class JsonConverter : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { } text ? Clean(text) : null;

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>Registers the binder for the pages and the converter for JSON bodies.</summary>
    public static IServiceCollection AddInputCleaning(this IServiceCollection services)
    {
        services.Configure<MvcOptions>(o => o.ModelBinderProviders.Insert(0, new BinderProvider()));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonConverter()));
        return services;
    }
}
