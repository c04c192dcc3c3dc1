using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Guohe.Web.Api;

/// <summary>
/// The OpenAPI document of /api/v1 at /openapi/v1.json (Microsoft.AspNetCore.OpenApi, generated from the endpoints): the title
/// and the rules in Chinese, the bearer scheme on every endpoint that needs a token, and Chinese examples.
/// </summary>
public static class ApiOpenApi
{
    public const string SecurityScheme = "ApiToken";

    public static IServiceCollection AddGuoheOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "国合孵化基地管理系统 API",
                    Version = "v1",
                    Description = "国际科技合作孵化基地管理系统的 REST 接口（版本 v1）。除公开接口外，均需在“我的账号 → 个人访问令牌”创建令牌，"
                        + "以 `Authorization: Bearer gh_…` 调用；令牌以其用户的角色和可见范围访问，不多于网页所见。错误均为 application/problem+json，"
                        + "按 Accept-Language 返回中文或英文。列表分页参数 page（从1起）和 size（1–100，默认20）。每个令牌每分钟请求数有限，超出返回429并带 Retry-After。",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "gh_…（个人访问令牌）",
                    Description = "个人访问令牌：登录后在“我的账号 → 个人访问令牌”创建，只显示一次；权限范围 read、file、office。",
                };
                foreach (var (path, item) in document.Paths)
                {
                    if (path.StartsWith("/api/v1/public", StringComparison.Ordinal) || item.Operations is null)
                    {
                        continue;
                    }
                    foreach (var operation in item.Operations.Values)
                    {
                        operation.Security ??= [];
                        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = ["read"] });
                    }
                }
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var name = context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
                if (name is not null && Examples.TryGetValue(name, out var example) && operation.Responses?.TryGetValue("200", out var ok) == true
                    && ok.Content?.TryGetValue("application/json", out var media) == true)
                {
                    media.Example = JsonNode.Parse(example);
                }
                foreach (var (status, response) in operation.Responses ?? [])
                {
                    if (status is "400" or "401" or "403" or "404" or "412" or "429" && response.Content?.TryGetValue("application/problem+json", out var problem) == true)
                    {
                        problem.Example = JsonNode.Parse(ProblemExample(status));
                    }
                }
                return Task.CompletedTask;
            });
        });

    private static string ProblemExample(string status) => status switch
    {
        "400" => """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"请求参数有误。","status":400,"errors":{"size":["每页条数应为1到100之间的整数。"]}}""",
        "401" => """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.2","title":"需要有效的访问令牌。","status":401,"detail":"访问令牌已过期。"}""",
        "403" => """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.4","title":"无权执行此操作。","status":403,"detail":"此令牌的权限范围不允许此操作。"}""",
        "404" => """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.5","title":"未找到。","status":404,"detail":"没有这条记录，或您无权查看。"}""",
        "412" => """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.13","title":"数据已被他人修改。","status":412}""",
        _ => """{"type":"https://tools.ietf.org/html/rfc6585#section-4","title":"请求过于频繁。","status":429,"detail":"请求过于频繁，请在42秒后重试。"}""",
    };

    private static readonly Dictionary<string, string> Examples = new(StringComparer.Ordinal)
    {
        ["ListOrganisations"] = """{"items":[{"id":"3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b","name":"福建省海峡科技孵化器有限公司","uscc":"91350100MA2XXXXX0X","liaisonName":"林晓","registeredAtUtc":"2026-03-02T01:20:00Z"}],"page":1,"size":20,"total":1,"pages":1}""",
        ["GetOrganisation"] = """{"id":"3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b","name":"福建省海峡科技孵化器有限公司","uscc":"91350100MA2XXXXX0X","liaisonName":"林晓","registeredAtUtc":"2026-03-02T01:20:00Z"}""",
        ["ListApplications"] = """{"items":[{"id":"7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6","number":"GH2026-0007","organisationId":"3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b","organisationName":"福建省海峡科技孵化器有限公司","batchName":"2026年度","status":"Submitted","route":"Recommended","createdAtUtc":"2026-04-01T02:00:00Z","submittedAtUtc":"2026-04-20T06:30:00Z","version":5}],"page":1,"size":20,"total":1,"pages":1}""",
        ["GetApplication"] = """{"id":"7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6","number":"GH2026-0007","organisationId":"3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b","organisationName":"福建省海峡科技孵化器有限公司","batchName":"2026年度","status":"SiteVisit","route":"SelfApplied","createdAtUtc":"2026-04-01T02:00:00Z","submittedAtUtc":"2026-04-20T06:30:00Z","version":8}""",
        ["ListDesignations"] = """{"items":[{"id":"a1b2c3d4-e5f6-4789-8abc-def012345678","organisationId":"3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b","organisationName":"福建省海峡科技孵化器有限公司","status":"Pilot","recognitionDate":"2025-12-18","termEndsOn":"2027-12-17","baseGrantedOn":null,"endedOn":null}],"page":1,"size":20,"total":1,"pages":1}""",
        ["GetDesignation"] = """{"id":"a1b2c3d4-e5f6-4789-8abc-def012345678","organisationId":"3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b","organisationName":"福建省海峡科技孵化器有限公司","status":"Base","recognitionDate":"2023-12-18","termEndsOn":"2025-12-17","baseGrantedOn":"2026-03-10","endedOn":null}""",
        ["ListObligations"] = """{"items":[{"id":"b2c3d4e5-f6a7-4890-9bcd-ef0123456789","designationId":"a1b2c3d4-e5f6-4789-8abc-def012345678","kind":"AnnualPlan","year":2026,"dueDate":"2026-01-31","status":"Filed","filedAtUtc":"2026-01-20T03:00:00Z","reviewConclusion":null}],"page":1,"size":20,"total":1,"pages":1}""",
        ["GetObligation"] = """{"id":"b2c3d4e5-f6a7-4890-9bcd-ef0123456789","designationId":"a1b2c3d4-e5f6-4789-8abc-def012345678","kind":"AnnualSummary","year":2025,"dueDate":"2026-01-31","status":"Reviewed","filedAtUtc":"2026-01-25T03:00:00Z","reviewConclusion":"Passed"}""",
        ["ListPublicUnits"] = """{"items":[{"name":"福建省海峡科技孵化器有限公司","province":"福建省","type":"Incubator","level":"Provincial","keyFields":["NewEnergy","ElectronicInformation"],"stage":"pilot","recognitionDate":"2025-12-18"}],"page":1,"size":20,"total":1,"pages":1}""",
    };
}
