using System.Text.RegularExpressions;
using Guohe.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Guohe.Tests.Security;

/// <summary>
/// One callable thing of the application, read from its own route table (<see cref="EndpointDataSource"/>): a Razor Page
/// handler (page, handler name, verb) or another endpoint (API, health, OpenAPI). A page added tomorrow shows up here without
/// anyone editing a list, so it cannot escape the security tests.
/// </summary>
public sealed partial record Callable(
    string Route,
    string Verb,
    string? Handler,
    bool IsPage,
    EndpointMetadataCollection Metadata,
    IReadOnlyList<string> RouteParameters,
    IReadOnlyList<string> GuidInputs)
{
    /// <summary>"GET /Applicant/Obligations/Edit/{id:guid}?handler=Save" — how the figures and failures name it.</summary>
    public string Name => $"{Verb} {Route}{(Handler is null ? string.Empty : "?handler=" + Handler)}";

    /// <summary>Whether the metadata says who may call it: an authorize attribute, a policy, a folder convention, or AllowAnonymous.</summary>
    public bool HasExplicitAuthorization =>
        Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0 || Metadata.GetMetadata<IAllowAnonymous>() is not null;

    public bool AllowsAnonymous => Metadata.GetMetadata<IAllowAnonymous>() is not null;

    /// <summary>The content types an endpoint accepts (minimal APIs with a body), or empty.</summary>
    public IReadOnlyList<string> Accepts => Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes ?? [];

    /// <summary>Every id the caller chooses: Guid route values, Guid handler parameters and bound Guid properties.</summary>
    public bool TakesAnId => RouteParameters.Any(IsIdParameter) || GuidInputs.Count > 0;

    public static bool IsIdParameter(string name) =>
        name.Equals("id", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Id", StringComparison.Ordinal);

    /// <summary>The kinds of letter /Files/Letter/{kind}/{id} makes (Files/Letter.cshtml.cs).</summary>
    public static readonly string[] LetterKinds = ["opinion", "pilot", "base", "notice"];

    /// <summary>The kinds to try in the route: every letter kind where the route has one, else none.</summary>
    public IReadOnlyList<string> Kinds => RouteParameters.Contains("kind") ? LetterKinds : ["pilot"];

    /// <summary>The address with every route value filled: ids with <paramref name="id"/>, the rest with a harmless value.</summary>
    public string Url(Guid id, bool idsInQuery = true, string kind = "pilot")
    {
        var path = Parameter().Replace(Route, m => m.Groups["name"].Value switch
        {
            "code" => "404",
            "kind" => kind,
            "documentName" => "v1",
            _ => id.ToString(),
        });
        var query = new List<string>();
        if (Handler is not null)
        {
            query.Add("handler=" + Handler);
        }
        if (idsInQuery)
        {
            query.AddRange(GuidInputs.Select(name => $"{name}={id}"));
        }
        return query.Count == 0 ? path : path + "?" + string.Join("&", query);
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:[^}?]+)?\??\}")]
    internal static partial Regex Parameter();
}

public static class RouteTable
{
    /// <summary>
    /// Every endpoint of the running app. Pages are loaded through <see cref="PageLoader"/> so their metadata includes what the
    /// folder conventions (AuthorizeFolder in <c>AuthorizeRoleFolders</c>) and the page model's attributes add; one page is
    /// listed once (its shortest route: "/Applicant" rather than "/Applicant/Index"), once per handler and verb.
    /// </summary>
    public static async Task<List<Callable>> DiscoverAsync(GuoheApp app)
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        var loader = app.Services.GetRequiredService<PageLoader>();
        var callables = new List<Callable>();
        var endpoints = source.Endpoints.OfType<RouteEndpoint>().ToList();

        foreach (var page in endpoints.Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
                     .GroupBy(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath))
        {
            var endpoint = page.OrderBy(e => e.RoutePattern.RawText!.Length).First();
            var compiled = await loader.LoadAsync(endpoint.Metadata.GetMetadata<PageActionDescriptor>()!, endpoint.Metadata);
            var metadata = compiled.Endpoint?.Metadata ?? endpoint.Metadata;
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var routeParameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            var boundGuids = compiled.BoundProperties
                .Where(p => IsGuid(p.ParameterType))
                .Select(p => p.BindingInfo?.BinderModelName ?? p.Name)
                .ToList();
            var handlers = compiled.HandlerMethods.Count == 0
                ? [("GET", (string?)null, (IReadOnlyList<string>)[])]
                : compiled.HandlerMethods.Select(h => (h.HttpMethod.ToUpperInvariant(), h.Name,
                    (IReadOnlyList<string>)[.. h.Parameters.Where(p => IsGuid(p.ParameterType)).Select(p => p.BindingInfo?.BinderModelName ?? p.Name)]));
            foreach (var (verb, name, parameters) in handlers)
            {
                var guidInputs = parameters.Concat(boundGuids).Distinct(StringComparer.OrdinalIgnoreCase)
                    .Where(n => !routeParameters.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
                callables.Add(new Callable(route, verb, name, IsPage: true, metadata, routeParameters, guidInputs));
            }
        }

        foreach (var endpoint in endpoints.Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null))
        {
            var verbs = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            foreach (var verb in verbs.Where(v => v != "HEAD"))
            {
                callables.Add(new Callable(route, verb, null, IsPage: false, endpoint.Metadata,
                    [.. endpoint.RoutePattern.Parameters.Select(p => p.Name)], []));
            }
        }
        return [.. callables.OrderBy(c => c.Route, StringComparer.Ordinal).ThenBy(c => c.Verb, StringComparer.Ordinal).ThenBy(c => c.Handler, StringComparer.Ordinal)];
    }

    private static bool IsGuid(Type type) => type == typeof(Guid) || type == typeof(Guid?);
}
