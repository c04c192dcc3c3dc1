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
            o.AddDocumentTransformer((document, context, _) =>
            {
                // The scope each operation needs, from the policy its route group requires (api:read|file|office).
                var scopes = context.DescriptionGroups.SelectMany(g => g.Items)
                    .Select(d => (Name: d.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName,
                        Policy: d.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().LastOrDefault(a => a.Policy is not null)?.Policy))
                    .Where(x => x.Name is not null && x.Policy is not null)
                    .DistinctBy(x => x.Name)
                    .ToDictionary(x => x.Name!, x => x.Policy!.Replace("api:", string.Empty, StringComparison.Ordinal), StringComparer.Ordinal);
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
                        var scope = operation.OperationId is { } id && scopes.TryGetValue(id, out var s) ? s : "read";
                        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [scope] });
                    }
                }
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var name = context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
                if (name is not null && Examples.TryGetValue(name, out var example) && (operation.Responses?.TryGetValue("200", out var ok) == true || operation.Responses?.TryGetValue("201", out ok) == true)
                    && ok.Content?.TryGetValue("application/json", out var media) == true)
                {
                    media.Example = JsonNode.Parse(example);
                }
                foreach (var (status, response) in operation.Responses ?? [])
                {
                    if (status is "400" or "401" or "403" or "404" or "409" or "412" or "428" or "429" && response.Content?.TryGetValue("application/problem+json", out var problem) == true)
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
        "409" => """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.10","title":"与当前状态冲突。","status":409,"detail":"当前状态为“初审通过”，不能执行此操作。"}""",
        "412" => """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.13","title":"数据已被他人修改。","status":412,"detail":"数据已被他人修改，请重新读取（GET）后用新的 ETag 再试。"}""",
        "428" => """{"type":"https://tools.ietf.org/html/rfc6585#section-3","title":"缺少前提条件。","status":428,"detail":"修改须带 If-Match 请求头，其值为读取时得到的 ETag。"}""",
        _ => """{"type":"https://tools.ietf.org/html/rfc6585#section-4","title":"请求过于频繁。","status":429,"detail":"请求过于频繁，请在42秒后重试。"}""",
    };

    private const string ObligationFormExample = """{"preparer":{"name":"林晓","title":"国际合作部主任","phone":"0591-87654322","email":"lin@hxkj.cn","mobile":"13900000000"},"workText":"一、与德国、新加坡合作机构开展联合孵化……","achievements":"","items":[{"text":"举办中德新能源技术对接会","category":"BrandEvents","fields":["NewEnergy"]}],"partners":[{"countryCode":"DE","institution":"弗劳恩霍夫太阳能系统研究所","content":"光伏技术联合研发"}],"version":4}""";

    private const string ObligationExample = """{"id":"b2c3d4e5-f6a7-4890-9bcd-ef0123456789","designationId":"a1b2c3d4-e5f6-4789-8abc-def012345678","kind":"AnnualPlan","year":2026,"dueDate":"2026-01-31","status":"Filed","filedAtUtc":"2026-01-20T03:00:00Z","reviewConclusion":null,"version":5}""";

    private const string AnnouncementExample = """{"id":"0a1b2c3d-4e5f-4607-8899-aabbccddeeff","title":"2026年度第一批国际科技合作孵化基地试点单位公示","startsOn":"2026-06-05","endsOn":"2026-06-11","phase":"Open","objections":null,"unhandled":null}""";

    private const string Form1Example = """{"organisationName":"福建省海峡科技孵化器有限公司","profile":{"website":"https://www.hxkj.cn","address":"福州市鼓楼区软件大道89号","legalRepresentative":"陈明","totalStaff":45,"incubationAreaSquareMetres":12000,"enterprisesServed":86,"hasOverseasBase":true,"overseasBaseCount":1,"unitType":"Incubator","ownership":"Private","level":"Provincial","keyFields":["ElectronicInformation"],"province":"福建省"},"countries":["DE","SG"],"unitHead":{"name":"陈明","title":"总经理","phone":"0591-87654321","email":"chen@hxkj.cn","mobile":"13800000000"},"mainPersons":[{"name":"林晓","title":"国际合作部主任","phone":"0591-87654322","email":"lin@hxkj.cn","mobile":"13900000000"}],"contact":{"name":"林晓","title":"国际合作部主任","phone":"0591-87654322","email":"lin@hxkj.cn","mobile":"13900000000"},"introduction":{"goalsAndModel":"……","channelsAndTeam":"……","technologyTransfer":"……","platforms":"……"},"declaration":true,"route":"SelfApplied","recommenderOrganisationId":null,"version":3}""";

    private const string ApplicationExample = """{"id":"7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6","number":"GH2026-0007","organisationId":"3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b","organisationName":"福建省海峡科技孵化器有限公司","batchName":"2026年度","status":"PreliminaryPassed","route":"SelfApplied","createdAtUtc":"2026-04-01T02:00:00Z","submittedAtUtc":"2026-04-20T06:30:00Z","version":6}""";

    private const string VisitExample = """{"id":"c3d4e5f6-a7b8-4901-8cde-f01234567890","purpose":"ApplicationReview","subjectId":"7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6","date":"2026-05-12","place":"福州市鼓楼区软件大道89号","allOpinionsFiled":false,"team":[{"expertUserId":"d4e5f6a7-b8c9-4012-9def-012345678901","name":"王教授","isLeader":true,"declared":true,"opinionFiled":false}],"version":2}""";

    private const string DecisionExample = """{"id":"e5f6a7b8-c9d0-4123-8ef0-123456789012","kind":"GrantPilot","status":"Confirmed","applicationId":"7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6","designationId":null,"organisationName":"福建省海峡科技孵化器有限公司","article":"Art. 11(6)","reason":"建议授予试点单位。","proposedByName":"办公室张三","proposedAtUtc":"2026-06-01T02:00:00Z","decidedByName":"协会李四","decidedAtUtc":"2026-06-03T02:00:00Z","openedDesignationId":"a1b2c3d4-e5f6-4789-8abc-def012345678","version":2}""";

    private const string AcceptanceVisitExample = """{"id":"d5e6f7a8-b9c0-4123-8def-0123456789ab","purpose":"AcceptanceEvaluation","subjectId":"a1b2c3d4-e5f6-4789-8abc-def012345678","date":"2027-12-20","place":"福州市鼓楼区软件大道89号","allOpinionsFiled":true,"team":[{"expertUserId":"d4e5f6a7-b8c9-4012-9def-012345678901","name":"王教授","isLeader":true,"declared":true,"opinionFiled":true}],"version":5,"opinions":[{"expertUserId":"d4e5f6a7-b8c9-4012-9def-012345678901","expertName":"王教授","revision":1,"goalsAndModel":20,"channelsAndTeam":19,"technologyTransfer":21,"platforms":20,"recommendation":"Recommend","text":"建设目标基本完成，国际合作渠道稳定。","amendmentReason":null,"filedAtUtc":"2027-12-21T02:00:00Z"}]}""";

    private const string AcceptanceExample = """{"designationId":"a1b2c3d4-e5f6-4789-8abc-def012345678","organisationName":"福建省海峡科技孵化器有限公司","status":"AcceptanceReview","termEndsOn":"2027-12-17","summaryId":"b2c3d4e5-f6a7-4890-9bcd-ef0123456789","summaryStatus":"Reviewed","summaryFiledAtUtc":"2027-12-01T03:00:00Z","reviewOpinion":"总结材料齐全，同意组织现场评估。","summaryVersion":3,"evaluation":""" + AcceptanceVisitExample + ""","workReportOn":"2027-12-20","inspectionOn":"2027-12-20","reviewMeetingOn":"2027-12-20","minutesFiled":true,"opinions":[],"pendingDecision":null,"canSchedule":false,"canPropose":true,"version":9}""";

    private const string AnnouncementDetailExample = """{"id":"0a1b2c3d-4e5f-4607-8899-aabbccddeeff","title":"2026年度第一批国际科技合作孵化基地试点单位公示","body":"经单位申请、推荐单位推荐、专家评审，拟授予以下单位试点单位资格：……","startsOn":"2026-06-05","endsOn":"2026-06-11","status":"Closed","phase":"Closed","publishedAtUtc":"2026-06-04T02:00:00Z","closedAtUtc":"2026-06-15T02:00:00Z","closingStatement":"公示期内收到异议1件，经核实不成立。","outcomes":[{"number":1,"outcome":"NotUpheld","handling":"经核实，该单位国际合作协议真实有效。"}],"objections":null,"unhandled":null,"version":null}""";

    private const string ObjectionExample = """{"id":"1b2c3d4e-5f60-4718-899a-abbccddeeff0","number":1,"name":"王某","contact":"13900000000","text":"该单位的国外合作协议已过期。","submittedAtUtc":"2026-06-06T08:00:00Z","hasFile":false,"outcome":"NotUpheld","handling":"经核实，该单位国际合作协议真实有效。","handledByName":"办公室张三","handledAtUtc":"2026-06-12T02:00:00Z","version":2}""";

    private const string GradesExample = """{"designationId":"a1b2c3d4-e5f6-4789-8abc-def012345678","organisationName":"福建省海峡科技孵化器有限公司","status":"Base","baseGrantedOn":"2027-12-28","grades":[{"year":2029,"grade":"Pass","opinion":"国际合作活动正常开展，孵化成效良好。","recordedAtUtc":"2030-01-15T02:00:00Z"},{"year":2028,"grade":"Excellent","opinion":"引进国外先进技术成效显著。","recordedAtUtc":"2029-01-16T02:00:00Z"}],"commendations":[{"year":2028,"text":"2028年度国际科技合作优秀孵化基地。","atUtc":"2029-01-20T02:00:00Z"}],"twoConsecutiveFails":false,"canGrade":true,"version":12}""";

    private static readonly Dictionary<string, string> Examples = new(StringComparer.Ordinal)
    {
        ["GetDesignationGrades"] = GradesExample,
        ["RecordDesignationGrade"] = GradesExample,
        ["CommendDesignation"] = GradesExample,
        ["GetAcceptance"] = AcceptanceExample,
        ["ListAcceptanceCandidates"] = """[{"userId":"d4e5f6a7-b8c9-4012-9def-012345678901","name":"王教授","organisation":"福州大学","fields":["NewEnergy"],"conflicts":"None"}]""",
        ["ReviewConstructionSummary"] = AcceptanceExample,
        ["ScheduleAcceptanceEvaluation"] = AcceptanceExample,
        ["RecordAcceptanceProceedings"] = AcceptanceExample,
        ["ProposeAcceptanceOutcome"] = """{"id":"f8a9b0c1-d2e3-4456-8f01-23456789abce","kind":"GrantBase","status":"Proposed","applicationId":null,"designationId":"a1b2c3d4-e5f6-4789-8abc-def012345678","organisationName":"福建省海峡科技孵化器有限公司","article":"Art. 13(3)","reason":"建设任务全部完成，专家一致建议授予国合孵化基地。","proposedByName":"办公室张三","proposedAtUtc":"2027-12-22T02:00:00Z","decidedByName":null,"decidedAtUtc":null,"openedDesignationId":null,"version":1}""",
        ["AmendExpertOpinion"] = AcceptanceVisitExample.Replace("\"revision\":1", "\"revision\":2", StringComparison.Ordinal).Replace("\"amendmentReason\":null", "\"amendmentReason\":\"更正第三项评分。\"", StringComparison.Ordinal),
        ["GetAnnouncement"] = AnnouncementDetailExample,
        ["GetPublicAnnouncement"] = AnnouncementDetailExample,
        ["ListObjections"] = "{\"items\":[" + ObjectionExample + "],\"page\":1,\"size\":20,\"total\":1,\"pages\":1}",
        ["HandleObjection"] = ObjectionExample,
        ["ListOrganisations"] = """{"items":[{"id":"3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b","name":"福建省海峡科技孵化器有限公司","uscc":"91350100MA2XXXXX0X","liaisonName":"林晓","registeredAtUtc":"2026-03-02T01:20:00Z"}],"page":1,"size":20,"total":1,"pages":1}""",
        ["GetOrganisation"] = """{"id":"3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b","name":"福建省海峡科技孵化器有限公司","uscc":"91350100MA2XXXXX0X","liaisonName":"林晓","registeredAtUtc":"2026-03-02T01:20:00Z"}""",
        ["ListApplications"] = """{"items":[{"id":"7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6","number":"GH2026-0007","organisationId":"3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b","organisationName":"福建省海峡科技孵化器有限公司","batchName":"2026年度","status":"Submitted","route":"Recommended","createdAtUtc":"2026-04-01T02:00:00Z","submittedAtUtc":"2026-04-20T06:30:00Z","version":5}],"page":1,"size":20,"total":1,"pages":1}""",
        ["GetApplication"] = """{"id":"7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6","number":"GH2026-0007","organisationId":"3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b","organisationName":"福建省海峡科技孵化器有限公司","batchName":"2026年度","status":"SiteVisit","route":"SelfApplied","createdAtUtc":"2026-04-01T02:00:00Z","submittedAtUtc":"2026-04-20T06:30:00Z","version":8}""",
        ["ListDesignations"] = """{"items":[{"id":"a1b2c3d4-e5f6-4789-8abc-def012345678","organisationId":"3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b","organisationName":"福建省海峡科技孵化器有限公司","status":"Pilot","recognitionDate":"2025-12-18","termEndsOn":"2027-12-17","baseGrantedOn":null,"endedOn":null}],"page":1,"size":20,"total":1,"pages":1}""",
        ["GetDesignation"] = """{"id":"a1b2c3d4-e5f6-4789-8abc-def012345678","organisationId":"3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b","organisationName":"福建省海峡科技孵化器有限公司","status":"Base","recognitionDate":"2023-12-18","termEndsOn":"2025-12-17","baseGrantedOn":"2026-03-10","endedOn":null}""",
        ["ListObligations"] = """{"items":[{"id":"b2c3d4e5-f6a7-4890-9bcd-ef0123456789","designationId":"a1b2c3d4-e5f6-4789-8abc-def012345678","kind":"AnnualPlan","year":2026,"dueDate":"2026-01-31","status":"Filed","filedAtUtc":"2026-01-20T03:00:00Z","reviewConclusion":null,"version":3}],"page":1,"size":20,"total":1,"pages":1}""",
        ["GetObligation"] = """{"id":"b2c3d4e5-f6a7-4890-9bcd-ef0123456789","designationId":"a1b2c3d4-e5f6-4789-8abc-def012345678","kind":"AnnualSummary","year":2025,"dueDate":"2026-01-31","status":"Reviewed","filedAtUtc":"2026-01-25T03:00:00Z","reviewConclusion":"Pass","version":7}""",
        ["StartApplication"] = ApplicationExample.Replace("PreliminaryPassed", "Draft", StringComparison.Ordinal),
        ["GetApplicationForm"] = Form1Example,
        ["SaveApplicationForm"] = Form1Example,
        ["UploadApplicationDocument"] = """{"id":"f6a7b8c9-d0e1-4234-9f01-234567890123","kind":"BusinessLicence","name":"营业执照.pdf","size":183204,"uploadedAtUtc":"2026-04-18T03:10:00Z"}""",
        ["SubmitApplication"] = ApplicationExample.Replace("PreliminaryPassed", "Submitted", StringComparison.Ordinal),
        ["RecommendApplication"] = ApplicationExample.Replace("PreliminaryPassed", "Submitted", StringComparison.Ordinal),
        ["ReviewApplication"] = ApplicationExample,
        ["ListSiteVisitCandidates"] = """[{"userId":"d4e5f6a7-b8c9-4012-9def-012345678901","name":"王教授","organisation":"福州大学","fields":["ElectronicInformation"],"conflicts":"None"}]""",
        ["ScheduleSiteVisit"] = VisitExample,
        ["ListMySiteVisits"] = """[{"visitId":"c3d4e5f6-a7b8-4901-8cde-f01234567890","purpose":"ApplicationReview","number":"GH2026-0007","organisationName":"福建省海峡科技孵化器有限公司","date":"2026-05-12","place":"福州市鼓楼区软件大道89号","isLeader":true,"filed":false}]""",
        ["GetSiteVisit"] = VisitExample,
        ["DeclareNoConflict"] = VisitExample,
        ["FileExpertOpinion"] = VisitExample.Replace("\"opinionFiled\":false", "\"opinionFiled\":true", StringComparison.Ordinal),
        ["ListDecisions"] = "{\"items\":[" + DecisionExample + "],\"page\":1,\"size\":20,\"total\":1,\"pages\":1}",
        ["GetDecision"] = DecisionExample,
        ["ConfirmDecision"] = DecisionExample,
        ["ProposeDesignationDecision"] = """{"id":"f7a8b9c0-d1e2-4345-9f01-23456789abcd","kind":"DisqualifyPilot","status":"Proposed","applicationId":null,"designationId":"a1b2c3d4-e5f6-4789-8abc-def012345678","organisationName":"福建省海峡科技孵化器有限公司","article":"Art. 12(4)","reason":"年度复核结论为工作计划未执行。","proposedByName":"办公室张三","proposedAtUtc":"2026-03-01T02:00:00Z","decidedByName":null,"decidedAtUtc":null,"openedDesignationId":null,"version":1}""",
        ["RejectDecision"] = DecisionExample.Replace("Confirmed", "Rejected", StringComparison.Ordinal),
        ["GetObligationForm"] = ObligationFormExample,
        ["SaveObligationForm"] = ObligationFormExample,
        ["UploadObligationDocument"] = """{"id":"a7b8c9d0-e1f2-4345-8a01-234567890124","kind":"ObligationDocument","name":"2026年度工作计划.pdf","size":245760,"uploadedAtUtc":"2026-01-18T03:10:00Z"}""",
        ["FileObligation"] = ObligationExample,
        ["ReviewObligation"] = ObligationExample.Replace("\"Filed\"", "\"Reviewed\"", StringComparison.Ordinal),
        ["ExtendObligation"] = ObligationExample.Replace("\"Filed\"", "\"Open\"", StringComparison.Ordinal).Replace("2026-01-31", "2026-02-28", StringComparison.Ordinal),
        ["ListInstitutions"] = """{"items":[{"id":"c9d0e1f2-a3b4-4567-8c90-123456789abc","countryCode":"DE","country":"德国","name":"弗劳恩霍夫太阳能系统研究所","units":3}],"page":1,"size":20,"total":1,"pages":1}""",
        ["ListAnnouncements"] = "{\"items\":[" + AnnouncementExample.Replace("\"objections\":null,\"unhandled\":null", "\"objections\":2,\"unhandled\":1", StringComparison.Ordinal) + "],\"page\":1,\"size\":20,\"total\":1,\"pages\":1}",
        ["ListPublicAnnouncements"] = "{\"items\":[" + AnnouncementExample + "],\"page\":1,\"size\":20,\"total\":1,\"pages\":1}",
        ["GetStatistics"] = """{"from":2026,"to":2026,"asOfUtc":"2026-07-01T02:00:00Z","figures":[{"key":"pilots","label":"试点单位","value":12}],"tables":[{"key":"provinces","title":"按省份","note":"申请按提交年度，资格按认定年度。","labelHeader":"省份","columns":["申请","试点单位","基地"],"rows":[{"label":"福建省","text":"福建省","values":[5,2,1],"marked":false}]}]}""",
        ["ListPublicUnits"] = """{"items":[{"name":"福建省海峡科技孵化器有限公司","province":"福建省","type":"Incubator","level":"Provincial","keyFields":["NewEnergy","ElectronicInformation"],"stage":"pilot","recognitionDate":"2025-12-18"}],"page":1,"size":20,"total":1,"pages":1}""",
    };
}
