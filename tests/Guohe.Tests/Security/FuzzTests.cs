using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Guohe.Domain.Announcements;
using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.History;
using Guohe.Domain.Organisations;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Guohe.Tests.Security;

/// <summary>
/// Issue 9 (Trust), bad input: every form of the app gets at least 1,000 hostile values (<see cref="HostileValues"/>) through the
/// front door — GET the page, keep its antiforgery token, POST the form with hostile values spread over its fields, the other
/// fields valid. Counted per form: 500s (none allowed), script payloads reflected unescaped (none), and afterwards the values
/// stored against the domain's rules: strings over their column's length, control or bidirectional-override characters,
/// 统一社会信用代码 failing the checksum (QUALITY.md: bad input never yields a 500 or a half-stored record).
/// </summary>
public sealed partial class FuzzTests(ITestOutputHelper output)
{
    private const int ValuesPerForm = 1_000;

    /// <summary>A form to fuzz: who posts it, where it is, which form on the page, the valid values the others fields keep.</summary>
    private sealed record Target(
        string Name, PageClient Client, string Url, string FormSelector,
        Func<int, Dictionary<string, string>> Valid, IReadOnlySet<string>? Keep = null, Func<Page, Dictionary<string, string>>? PerPage = null, bool FreshPageEachPost = false)
    {
        /// <summary>A new subject when the form is gone (a review decided): the address of its page.</summary>
        public Func<Task<string>>? Renew { get; init; }
    }

    private sealed record Tally(string Form, int Posts, int Values, int Errors, int Reflections, int Accepted, List<string> ErrorSamples)
    {
        public int Renewed { get; set; }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Hostile_values_in_every_form_never_give_a_500_a_reflected_script_or_an_invalid_stored_value(string provider)
    {
        var clock = Stopwatch.StartNew();
        await using var cast = await Cast.StartAsync(provider);
        var app = cast.App;
        var targets = await TargetsAsync(cast);
        var hostile = new HostileValues(seed: 20_260_9);
        var tallies = new List<Tally>();
        foreach (var target in targets)
        {
            var tally = await FuzzAsync(target, hostile);
            tallies.Add(tally);
            output.WriteLine($"[{provider}] {tally.Form}: {tally.Posts} posts, {tally.Values} values, {tally.Errors} 5xx, {tally.Reflections} reflected, {clock.Elapsed.TotalSeconds:0} s");
        }
        var stored = await InvalidStoredValuesAsync(app);

        output.WriteLine($"[{provider}] fuzz, {clock.Elapsed.TotalSeconds:0} s, seed 2026009:");
        output.WriteLine($"{"form",-34} {"posts",6} {"values",7} {"5xx",4} {"refl.",5} {"3xx",5} {"new",4}");
        foreach (var t in tallies)
        {
            output.WriteLine($"{t.Form,-34} {t.Posts,6} {t.Values,7} {t.Errors,4} {t.Reflections,5} {t.Accepted,5} {t.Renewed,4}");
            foreach (var sample in t.ErrorSamples.Take(3))
            {
                output.WriteLine("    " + sample);
            }
        }
        output.WriteLine($"{"total",-34} {tallies.Sum(t => t.Posts),6} {tallies.Sum(t => t.Values),7} {tallies.Sum(t => t.Errors),4} {tallies.Sum(t => t.Reflections),5} {tallies.Sum(t => t.Accepted),5}");
        output.WriteLine($"invalid values stored: {stored.Count}");
        foreach (var failure in app.Logs.Entries.Where(e => e.Exception is not null && e.Level >= Microsoft.Extensions.Logging.LogLevel.Error)
                     .GroupBy(e => e.Exception!.GetType().Name + ": " + e.Exception.Message).Take(5))
        {
            output.WriteLine($"  {failure.Count()} × {failure.Key}\n{failure.First().Exception!.StackTrace?.Split('\n').Take(6).Aggregate((a, b) => a + "\n" + b)}");
        }
        foreach (var s in stored.Take(20))
        {
            output.WriteLine("    " + s);
        }

        Assert.All(tallies, t => Assert.True(t.Values >= ValuesPerForm, $"{t.Form}: only {t.Values} hostile values"));
        Assert.True(tallies.Sum(t => t.Errors) == 0, "5xx: " + string.Join("; ", tallies.Where(t => t.Errors > 0).Select(t => $"{t.Form} {t.Errors} ({t.ErrorSamples.FirstOrDefault()})")));
        Assert.True(tallies.Sum(t => t.Reflections) == 0, "reflected: " + string.Join("; ", tallies.Where(t => t.Reflections > 0).Select(t => $"{t.Form} {t.Reflections}")));
        Assert.True(stored.Count == 0, "stored: " + string.Join("; ", stored.Take(10)));
    }

    /// <summary>Posts the target's form until it has carried <see cref="ValuesPerForm"/> hostile values.</summary>
    private static async Task<Tally> FuzzAsync(Target target, HostileValues hostile)
    {
        int posts = 0, values = 0, errors = 0, reflections = 0, accepted = 0, renewed = 0;
        var samples = new List<string>();
        var address = target.Url;
        Page? page = null;
        while (values < ValuesPerForm)
        {
            if (page is null || target.FreshPageEachPost || posts % 25 == 0)
            {
                page = await target.Client.GetAsync(address);
                if (page.Html.QuerySelector(target.FormSelector) is null && target.Renew is { } renew)
                {
                    address = await renew();
                    renewed++;
                    page = await target.Client.GetAsync(address);
                }
                Assert.True(page.Status == HttpStatusCode.OK, $"{target.Name}: GET {address} answered {(int)page.Status}");
            }
            var form = page.Html.QuerySelector(target.FormSelector) as IHtmlFormElement
                ?? throw new InvalidOperationException($"{target.Name}: no form '{target.FormSelector}' on {page.Url}: {page.Body[..Math.Min(600, page.Body.Length)]}");
            var fields = Buttons.Fields(form);
            var valid = target.Valid(posts);
            foreach (var (name, value) in target.PerPage?.Invoke(page) ?? [])
            {
                valid[name] = value;
            }
            foreach (var (name, value) in valid)
            {
                fields.RemoveAll(f => f.Key == name);
                fields.Add(new(name, value));
            }
            var body = new StringBuilder();
            var sent = 0;
            var fuzzable = fields.Select((f, i) => (f, i)).Where(x => !x.f.Key.StartsWith("__", StringComparison.Ordinal) && target.Keep?.Contains(x.f.Key) != true).Select(x => x.i).ToList();
            var forced = fuzzable.Count > 0 ? fuzzable[hostile.Next(fuzzable.Count)] : -1;
            var log = new List<string>();
            for (var i = 0; i < fields.Count; i++)
            {
                var (name, value) = fields[i];
                string encoded;
                if (fuzzable.Contains(i) && (i == forced || hostile.Chance(0.5)))
                {
                    var h = hostile.Next();
                    encoded = h.Encoded;
                    sent++;
                    log.Add($"{name}={h.Family}:{Shorten(h.Text ?? Convert.ToHexString(h.Raw!))}");
                }
                else
                {
                    encoded = Hostile.Percent(Encoding.UTF8.GetBytes(value));
                }
                body.Append(body.Length == 0 ? string.Empty : "&").Append(Hostile.Percent(Encoding.UTF8.GetBytes(name))).Append('=').Append(encoded);
            }
            var action = form.GetAttribute("action");
            var url = string.IsNullOrEmpty(action) ? page.Url.PathAndQuery : new Uri(page.Url, action).PathAndQuery;
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new ByteArrayContent(Encoding.ASCII.GetBytes(body.ToString())),
            };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
            using var response = await target.Client.Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            posts++;
            values += sent;
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                errors++;
                if (samples.Count < 5)
                {
                    samples.Add($"{status} {string.Join(", ", log)} → {Shorten(text, 300)}");
                }
            }
            if (HostileValues.Reflects(text))
            {
                reflections++;
                if (samples.Count < 5)
                {
                    samples.Add($"reflected: {string.Join(", ", log)}");
                }
            }
            if (status is >= 300 and < 400)
            {
                accepted++;
                page = null; // the form changed (a new version, a new record): fetch it again
            }
            else if (status == 200)
            {
                page = new Page(new Uri(target.Client.Http.BaseAddress!, url), response.StatusCode, new HtmlParser().ParseDocument(text), text) is { } answered
                    && answered.Html.QuerySelector(target.FormSelector) is not null && !target.FreshPageEachPost ? answered : null;
            }
            else
            {
                page = null;
            }
        }
        return new Tally(target.Name, posts, values, errors, reflections, accepted, samples) { Renewed = renewed };
    }

    private static string Shorten(string text, int max = 40)
    {
        var clean = new string([.. text.Select(c => char.IsControl(c) ? '·' : c)]);
        return clean.Length <= max ? clean : clean[..max] + $"…({clean.Length})";
    }

    /// <summary>The forms of the app, each in a state where it is open, with the account that may post it.</summary>
    private static async Task<List<Target>> TargetsAsync(Cast cast)
    {
        var app = cast.App;
        var pilot = await OtherUnit.CreateAsync(app); // plans, summaries, publication, the filed plan the office reviews
        var unit = await app.SignInAsync(pilot.User, twoFactor: false); // disposed with the app
        var applicant = cast.Members[Role.Applicant].Client;
        var office = cast.Members[Role.Office].Client;
        var (expert, expertClient, _) = cast.Members[Role.Expert];
        var (recommender, recommenderClient, _) = cast.Members[Role.Recommender];
        var today = ChinaTime.DateOf(app.Clock.GetUtcNow().UtcDateTime);
        string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // Form 1 open as a draft.
        var start = await applicant.GetAsync("/Applicant/Application/Edit");
        await applicant.SubmitAsync(start);

        // An application on site visit with this expert, declared free of conflict.
        var visited = await app.SubmittedAsync(await app.CreateAsync(Role.Applicant));
        var visitId = await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var a = await db.Applications.SingleAsync(x => x.Id == visited);
            a.PassPreliminaryReview(People.Office, now, "通过");
            var visit = SiteVisit.Schedule(People.Office, now, SiteVisitPurpose.ApplicationReview, visited, today.AddDays(7), "福州", null,
                [new ExpertAssignment(expert.Id, expert.DisplayName, IsLeader: true), new ExpertAssignment(People.Expert2.UserId, People.Expert2.Name, false)]);
            a.ScheduleSiteVisit(People.Office, now, visit);
            db.SiteVisits.Add(visit);
            await db.SaveChangesAsync();
            return visit.Id;
        });
        var assignment = await expertClient.GetAsync($"/Expert/Assignment/{visitId}");
        if (assignment.Html.QuerySelector("form[action*='handler=Declare']") is not null)
        {
            await expertClient.SubmitAsync(assignment, new Dictionary<string, string> { ["NoConflict"] = "true" });
        }

        // Applications waiting for the office's and the recommender's review.
        var reviewed = await app.SubmittedAsync(await app.CreateAsync(Role.Applicant));
        var recommended = await app.SubmittedAsync(await app.CreateAsync(Role.Applicant), recommender.OrganisationId);

        // A published announcement open for objections.
        var announcement = await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var a = Announcement.Draft(People.Office, now, new AnnouncementText("2026年度试点单位拟入选名单公示", "1. 福州国际创新孵化器有限公司", null, today, 10));
            a.Publish(People.Office, now);
            db.Announcements.Add(a);
            await db.SaveChangesAsync();
            return a.Id;
        });

        var targets = new List<Target>
        {
            new("registration", cast.Anonymous, "/Account/Register", "main form", n => new()
            {
                ["Input.OrganisationName"] = $"模糊测试孵化器{n}有限公司", ["Input.Uscc"] = Usccs.Make(5_000_000 + n).ToString(), ["Input.LiaisonName"] = "张晓",
                ["Input.Email"] = $"fuzz{n}@register.cn", ["Input.Mobile"] = "13812345678", ["Input.Password"] = "Hangzhou#2026x", ["Input.ConfirmPassword"] = "Hangzhou#2026x", ["Input.Consent"] = "true",
            }),
            new("Form 1 (applicant)", applicant, "/Applicant/Application/Edit", "main form[method=post]:not([action*=Start])", _ => []),
        };
        foreach (var (key, id) in pilot.Ids.Where(i => i.Key.StartsWith("obligation ", StringComparison.Ordinal) && !i.Key.Contains(nameof(ObligationKind.AnnualPlan), StringComparison.Ordinal)))
        {
            targets.Add(new($"Forms 2–4 ({key[11..]})", unit, $"/Applicant/Obligations/Edit/{id}", "#obligation-form", _ => new()
            {
                ["Input.Preparer.Name"] = "张制表", ["Input.Preparer.Title"] = "国际合作部经理", ["Input.Preparer.Phone"] = "0591-87000003",
                ["Input.Preparer.Email"] = "zhang@fzinc.cn", ["Input.Preparer.Mobile"] = "13800000001", ["Input.WorkText"] = "本年度国际科技合作工作。",
            }));
        }
        var planYear = 2100;
        var planId = pilot.Ids.First(i => i.Key.StartsWith($"obligation {ObligationKind.AnnualPlan}", StringComparison.Ordinal)).Value;
        targets.AddRange(
        [
            new("publication consent", unit, "/Applicant/Publication", "main form[action='/Applicant/Publication']", _ => new()
            {
                ["Input.Introduction"] = "孵化器简介。", ["Input.Website"] = "https://ok.example.cn", ["Input.Achievements"] = "成果。",
            }),
            new("liaison (organisation edit)", unit, "/Applicant/Liaison", "main form", _ => []),
            new("announcement edit (office)", office, "/Office/Announcements/Edit", "#announcement", _ => new()
            {
                ["Input.Title"] = "2027年度试点单位拟入选名单公示", ["Input.Body"] = "1. 某孵化器", ["Input.StartsOn"] = Day(3), ["Input.Days"] = "7",
            }),
            new("objection (public)", cast.Anonymous, $"/Announcements/{announcement}", "#objection-form",
                _ => new() { ["Input.Name"] = "李异议", ["Input.Contact"] = "13912345678", ["Input.Text"] = "该单位的孵化面积与申报材料不符。" },
                Keep: new HashSet<string> { "Input.Token", "Input.Answer" },
                PerPage: p => new() { ["Input.Answer"] = Answer(p) }, FreshPageEachPost: true),
            new("expert opinion", expertClient, $"/Expert/Assignment/{visitId}", "main form:has([name='Input.Text'])", _ => new()
            {
                ["Input.Scores.GoalsAndModel"] = "20", ["Input.Scores.ChannelsAndTeam"] = "18", ["Input.Scores.TechnologyTransfer"] = "15", ["Input.Scores.Platforms"] = "12",
                ["Input.Recommendation"] = nameof(OverallRecommendation.Recommend), ["Input.Text"] = "专家意见。",
            }),
            new("review opinion (office)", office, $"/Office/Applications/Review/{reviewed}", "main form:has([name='Opinion'])",
                _ => new() { ["Opinion"] = "材料齐全。", ["trigger"] = "ReturnForRevision" })
            {
                Renew = async () => $"/Office/Applications/Review/{await app.SubmittedAsync(await app.CreateAsync(Role.Applicant))}",
            },
            new("review opinion (recommender)", recommenderClient, $"/Recommender/Review/{recommended}", "main form:has([name='Opinion'])",
                _ => new() { ["Opinion"] = "同意推荐。", ["trigger"] = "Endorse" })
            {
                Renew = async () => $"/Recommender/Review/{await app.SubmittedAsync(await app.CreateAsync(Role.Applicant), recommender.OrganisationId)}",
            },
            new("obligation review (office)", office, $"/Office/Obligations/Review/{planId}", "form[action*='handler=Review']",
                _ => new() { ["Opinion"] = "计划可行。", ["Conclusion"] = "Pass" })
            {
                Renew = () => FiledPlanAsync(app, pilot, ++planYear),
            },
            new("story (office)", office, "/Office/Stories/Edit", "#story-form", _ => new() { ["Input.Title"] = "成功案例", ["Input.Text"] = "案例正文。" }),
            new("batch (office)", office, "/Office/Batches/Edit", "main form", n => new()
            {
                ["Input.Year"] = "2027", ["Input.Name"] = $"2027年度第{n}批", ["Input.OpensOn"] = Day(30), ["Input.ClosesOn"] = Day(60), ["Input.Quota"] = "10",
            }),
        ]);
        return targets;
    }

    /// <summary>Another annual plan of the pilot unit (a far year, so the unique key holds), filed: the office may review it.</summary>
    private static Task<string> FiledPlanAsync(GuoheApp app, OtherUnit pilot, int year) =>
        app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var designation = await db.Designations.SingleAsync(d => d.Id == pilot.Ids["designation"]);
            var plan = Obligation.Create(People.Office, now, designation, new ObligationDue(ObligationKind.AnnualPlan, year, new DateOnly(year, 1, 31), Article.Art12_1));
            plan.File(new Actor(pilot.User.Id, pilot.User.DisplayName, Role.Applicant), now, World.Form());
            db.Obligations.Add(plan);
            await db.SaveChangesAsync();
            return $"/Office/Obligations/Review/{plan.Id}";
        });

    /// <summary>The answer to the objection form's arithmetic question (empty when there is none).</summary>
    internal static string Answer(Page page)
    {
        var match = Question().Match(page.Html.QuerySelector("#challenge")?.TextContent ?? string.Empty);
        return match.Success
            ? (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) + int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture)
            : string.Empty;
    }

    [GeneratedRegex(@"(\d+) \+ (\d+) = \?")]
    private static partial Regex Question();

    /// <summary>
    /// Every stored string against the domain's rules: within its column's length, free of control characters (other than tab
    /// and line breaks) and of bidirectional overrides, raw or escaped inside JSON; a column or JSON field named *Uscc holds a
    /// valid 统一社会信用代码 or nothing.
    /// </summary>
    private static Task<List<string>> InvalidStoredValuesAsync(GuoheApp app) =>
        app.WithDbAsync(async (db, services) =>
        {
            var problems = new List<string>();
            var lengths = new Dictionary<(string Table, string Column), int>();
            foreach (var entity in db.Model.GetEntityTypes())
            {
                if (entity.GetTableName() is not { } table)
                {
                    continue;
                }
                var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
                foreach (var property in entity.GetProperties())
                {
                    if (property.GetMaxLength() is { } max && property.GetColumnName(store) is { } column)
                    {
                        lengths[(table, column)] = max;
                    }
                }
            }
            var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>()
                .Where(t => t != "DataProtectionKeys").Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList();
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        if (reader.IsDBNull(i) || reader.GetValue(i) is not string value)
                        {
                            continue;
                        }
                        var column = reader.GetName(i);
                        var where = $"{table}.{column}";
                        if (lengths.TryGetValue((table, column), out var max) && value.Length > max)
                        {
                            problems.Add($"{where}: {value.Length} characters > {max}");
                        }
                        var bad = value.IndexOfAny(BadCharacters);
                        if (bad >= 0)
                        {
                            problems.Add($"{where}: character U+{(int)value[bad]:X4} in \"{Shorten(value, 60)}\"");
                        }
                        if (EscapedBadCharacter().Match(value) is { Success: true } escaped)
                        {
                            problems.Add($"{where}: JSON escape {escaped.Value} in \"{Shorten(value, 60)}\"");
                        }
                        if (column.Contains("Uscc", StringComparison.OrdinalIgnoreCase) && value.Length > 0 && !Uscc.TryParse(value, out _, out _))
                        {
                            problems.Add($"{where}: invalid 统一社会信用代码 \"{Shorten(value)}\"");
                        }
                        foreach (Match json in JsonUscc().Matches(value))
                        {
                            if (json.Groups[1].Value.Length > 0 && !Uscc.TryParse(Regex.Unescape(json.Groups[1].Value), out _, out _))
                            {
                                problems.Add($"{where}: invalid 统一社会信用代码 in JSON \"{Shorten(json.Groups[1].Value)}\"");
                            }
                        }
                    }
                }
            }
            return problems;
        });

    /// <summary>Control characters other than tab and line breaks, and the bidirectional embeddings, overrides and isolates.</summary>
    private static readonly char[] BadCharacters =
        [.. Enumerable.Range(0, 0x2070).Select(i => (char)i).Where(c => (char.IsControl(c) && c is not ('\t' or '\r' or '\n')) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))];

    [GeneratedRegex(@"\\u(00[01][0-8bcefBCEF]|001[0-9a-fA-F]|007[fF]|202[a-eA-E]|206[6-9])")]
    private static partial Regex EscapedBadCharacter();

    [GeneratedRegex("\"[A-Za-z]*Uscc\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex JsonUscc();
}
