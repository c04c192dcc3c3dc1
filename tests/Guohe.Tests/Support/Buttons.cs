using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Guohe.Tests.Support;

/// <summary>
/// Pressing a button as a browser does: the button's form is posted with its fields (hidden token included), the button's
/// own name and value, to the button's <c>formaction</c>, else the form's <c>action</c>, else the address of the page the
/// user is on. A file field is posted as multipart like a browser would.
/// </summary>
public static class Buttons
{
    /// <summary>
    /// Presses the submit button whose text is <paramref name="label"/>. A name in <paramref name="values"/> replaces every
    /// field of that name (give a name several times for several checked boxes or selected options).
    /// </summary>
    public static Task<Page> ClickAsync(this PageClient client, Page page, string label, params IEnumerable<(string Name, string Value)> values)
    {
        var (form, target, fields) = Press(page, label, values);
        if (string.Equals(form.Enctype, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("Use UploadAsync for a form with a file field.");
        }
        return client.PostAsync(target, fields);
    }

    /// <summary>
    /// Chooses <paramref name="fileName"/> in the file field of the button's form and presses the button; follows a redirect.
    /// A page that answers the post itself (e.g. a check before a confirmation) is returned with <paramref name="expectRedirect"/> false.
    /// </summary>
    public static async Task<Page> UploadAsync(this PageClient client, Page page, string label, string fileName, byte[] content, string formSelector, bool expectRedirect = true, IEnumerable<(string Name, string Value)>? values = null)
    {
        var scope = page.Html.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No '{formSelector}' on {page.Url}");
        var (form, target, fields) = Press(page, label, values ?? [], scope);
        var file = form.Elements.OfType<IHtmlInputElement>().Single(i => i.Type == "file");
        using var body = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            body.Add(new StringContent(value), name);
        }
        body.Add(new ByteArrayContent(content), file.Name!, fileName);
        using var response = await client.Http.PostAsync(target, body);
        var location = response.Headers.Location;
        if ((int)response.StatusCode is >= 300 and < 400 && location is not null)
        {
            return await client.GetAsync(location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
        }
        var text = await response.Content.ReadAsStringAsync();
        return expectRedirect
            ? throw new InvalidOperationException($"Upload to {target} answered {(int)response.StatusCode}: {text}")
            : new Page(new Uri(client.Http.BaseAddress!, target), response.StatusCode, new AngleSharp.Html.Parser.HtmlParser().ParseDocument(text), text);
    }

    private static (IHtmlFormElement Form, string Target, List<KeyValuePair<string, string>> Fields) Press(
        Page page, string label, IEnumerable<(string Name, string Value)> values, IElement? scope = null)
    {
        var buttons = (scope ?? page.Html.QuerySelector("main") ?? page.Html.DocumentElement)
            .QuerySelectorAll("button, input[type=submit]").OfType<IHtmlElement>()
            .Where(b => (b.GetAttribute("type") ?? "submit") == "submit" && Text(b) == label).ToList();
        if (buttons.Count != 1)
        {
            throw new InvalidOperationException($"{buttons.Count} buttons '{label}' on {page.Url}: {page.Body[..Math.Min(800, page.Body.Length)]}");
        }
        var button = buttons[0];
        var form = button.Closest("form") as IHtmlFormElement ?? throw new InvalidOperationException($"Button '{label}' is outside a form on {page.Url}");
        var fields = Fields(form);
        foreach (var group in values.GroupBy(v => v.Name))
        {
            fields.RemoveAll(f => f.Key == group.Key);
            fields.AddRange(group.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)));
        }
        if (button.GetAttribute("name") is { Length: > 0 } buttonName)
        {
            fields.Add(new(buttonName, button.GetAttribute("value") ?? string.Empty));
        }
        var action = button.GetAttribute("formaction") ?? form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.Url : new Uri(page.Url, action);
        return (form, target.PathAndQuery, fields);
    }

    private static string Text(IElement button) =>
        (button is IHtmlInputElement input ? input.Value : button.TextContent).Trim();

    /// <summary>What a browser posts for a form: named, enabled fields; checked boxes and radios; selected options; no buttons or files.</summary>
    internal static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 }, IsDisabled: true }:
                    break;
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        fields.Add(new(name, input.Value));
                    }
                    break;
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is not ("submit" or "button" or "reset" or "file" or "image"):
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name, IsMultiple: true } select:
                    fields.AddRange(select.Options.Where(o => o.IsSelected).Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                    fields.Add(new(name, select.Value ?? string.Empty));
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } area:
                    fields.Add(new(name, area.Value));
                    break;
            }
        }
        return fields;
    }
}
