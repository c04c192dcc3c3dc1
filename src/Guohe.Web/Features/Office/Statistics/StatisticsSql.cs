using Guohe.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Office.Statistics;

/// <summary>
/// The statistics that read inside JSON columns — the partner rows and tagged items of Forms 2–4 and the expert teams of
/// visits (see <c>Mapping.JsonRows</c>) — as SQL for each provider: SQLite's <c>json_each</c>, PostgreSQL's
/// <c>jsonb_array_elements</c>. The database expands and groups the rows; only the groups come back. Institutions merged into
/// another count as the one they were merged into (followed by a recursive query, as <c>PartnerNetwork.Root</c> does).
/// Only filed forms count (a draft is not yet a plan or a summary).
/// </summary>
public static class StatisticsSql
{
    public const string Wanted = "wanted";
    public const string Actual = "actual";

    public sealed class CountryCount
    {
        public string CountryCode { get; init; } = string.Empty;

        public string Side { get; init; } = string.Empty;

        public long Units { get; init; }

        public long Institutions { get; init; }
    }

    public sealed class CategoryCount
    {
        public string Category { get; init; } = string.Empty;

        public string Side { get; init; } = string.Empty;

        public long Items { get; init; }
    }

    public sealed class YearTimeliness
    {
        public long Year { get; init; }

        public long Total { get; init; }

        public long OnTime { get; init; }

        public long Late { get; init; }

        public long Overdue { get; init; }

        public long Pending { get; init; }
    }

    public sealed class ExpertYear
    {
        public string ExpertUserId { get; init; } = string.Empty;

        public string? Name { get; init; }

        public long Year { get; init; }

        public string Purpose { get; init; } = string.Empty;

        public long Assignments { get; init; }
    }

    /// <summary>One unit naming one institution of a country (over the period).</summary>
    public sealed class CountryNaming
    {
        public string InstitutionKey { get; init; } = string.Empty;

        public string? Institution { get; init; }

        public Guid OrganisationId { get; init; }

        public string? Organisation { get; init; }

        public long Wanted { get; init; }

        public long Actual { get; init; }

        public long FirstYear { get; init; }

        public long LastYear { get; init; }
    }

    private static bool Postgres(GuoheDbContext db) => db is PostgresGuoheDbContext;

    /// <summary>
    /// Every institution id with the entry it stands for after merges (at most ten hops, as the directory follows); <c>merged</c>
    /// keeps only the merged ones. A partner row finds its institution by primary key and, only when that one was merged, its
    /// root in <c>merged</c> (a handful of rows): joining every row to the whole recursive result, which has no index, took
    /// SQLite 35 s for 100,000 partner rows (bench/Guohe.Bench dashboard).
    /// </summary>
    private const string Roots = """
        WITH RECURSIVE roots("Id", "Root", "Depth") AS (
            SELECT "Id", "Id", 0 FROM "Institutions" WHERE "MergedIntoId" IS NULL
            UNION ALL
            SELECT i."Id", r."Root", r."Depth" + 1 FROM "Institutions" AS i JOIN roots AS r ON i."MergedIntoId" = r."Id" WHERE r."Depth" < 10
        ), merged("Id", "Root") AS (
            SELECT "Id", "Root" FROM roots WHERE "Depth" > 0
        )
        """;

    public static Task<List<CountryCount>> PartnersByCountryAsync(GuoheDbContext db, Period period, CancellationToken cancellationToken)
    {
        var (low, high) = (period.Low, period.High);
        var sql = Postgres(db)
            ? Roots + """
               , named AS (
                   SELECT p.value->>'CountryCode' AS "CountryCode",
                          CASE WHEN o."Kind" = 'AnnualPlan' THEN 'wanted' ELSE 'actual' END AS "Side",
                          o."OrganisationId",
                          COALESCE(CASE WHEN d."MergedIntoId" IS NULL THEN d."Id" ELSE r."Root" END::text, upper(p.value->>'Institution')) AS "Institution"
                   FROM "Obligations" AS o
                   CROSS JOIN LATERAL jsonb_array_elements(o."Partners") AS p(value)
                   LEFT JOIN "Institutions" AS d ON d."Id" = NULLIF(p.value->>'InstitutionId', '')::uuid
                   LEFT JOIN merged AS r ON r."Id" = d."Id"
                   WHERE o."Status" <> 'Open' AND o."Year" BETWEEN {0} AND {1}
               )
               SELECT "CountryCode", "Side", COUNT(DISTINCT "OrganisationId") AS "Units", COUNT(DISTINCT "Institution") AS "Institutions"
               FROM named GROUP BY "CountryCode", "Side"
               """
            : Roots + """
               , named AS (
                   SELECT json_extract(p.value, '$.CountryCode') AS "CountryCode",
                          CASE WHEN o."Kind" = 'AnnualPlan' THEN 'wanted' ELSE 'actual' END AS "Side",
                          o."OrganisationId",
                          COALESCE(CASE WHEN d."MergedIntoId" IS NULL THEN d."Id" ELSE r."Root" END, upper(json_extract(p.value, '$.Institution'))) AS "Institution"
                   FROM "Obligations" AS o
                   JOIN json_each(o."Partners") AS p
                   LEFT JOIN "Institutions" AS d ON d."Id" = upper(json_extract(p.value, '$.InstitutionId'))
                   LEFT JOIN merged AS r ON r."Id" = d."Id"
                   WHERE o."Status" <> 'Open' AND o."Year" BETWEEN {0} AND {1}
               )
               SELECT "CountryCode", "Side", COUNT(DISTINCT "OrganisationId") AS "Units", COUNT(DISTINCT "Institution") AS "Institutions"
               FROM named GROUP BY "CountryCode", "Side"
               """;
        return db.Database.SqlQueryRaw<CountryCount>(sql, low, high).ToListAsync(cancellationToken);
    }

    /// <summary>The institutions of one country named in filed forms of the period, with each unit that named them.</summary>
    public static Task<List<CountryNaming>> NamingsOfCountryAsync(GuoheDbContext db, Period period, string countryCode, CancellationToken cancellationToken)
    {
        var (low, high) = (period.Low, period.High);
        var sql = Postgres(db)
            ? Roots + """
               , named AS (
                   SELECT COALESCE(CASE WHEN d."MergedIntoId" IS NULL THEN d."Id" ELSE r."Root" END::text, upper(p.value->>'Institution')) AS "InstitutionKey",
                          p.value->>'Institution' AS "Written", o."OrganisationId", o."Kind", o."Year"
                   FROM "Obligations" AS o
                   CROSS JOIN LATERAL jsonb_array_elements(o."Partners") AS p(value)
                   LEFT JOIN "Institutions" AS d ON d."Id" = NULLIF(p.value->>'InstitutionId', '')::uuid
                   LEFT JOIN merged AS r ON r."Id" = d."Id"
                   WHERE o."Status" <> 'Open' AND o."Year" BETWEEN {0} AND {1} AND p.value->>'CountryCode' = {2}
               )
               SELECT n."InstitutionKey", COALESCE(MAX(i."Name"), MAX(n."Written")) AS "Institution",
                      n."OrganisationId", MAX(g."Name") AS "Organisation",
                      MAX(CASE WHEN n."Kind" = 'AnnualPlan' THEN 1 ELSE 0 END)::bigint AS "Wanted",
                      MAX(CASE WHEN n."Kind" <> 'AnnualPlan' THEN 1 ELSE 0 END)::bigint AS "Actual",
                      MIN(n."Year")::bigint AS "FirstYear", MAX(n."Year")::bigint AS "LastYear"
               FROM named AS n
               LEFT JOIN "Institutions" AS i ON i."Id"::text = n."InstitutionKey"
               LEFT JOIN "Organisations" AS g ON g."Id" = n."OrganisationId"
               GROUP BY n."InstitutionKey", n."OrganisationId"
               """
            : Roots + """
               , named AS (
                   SELECT COALESCE(CASE WHEN d."MergedIntoId" IS NULL THEN d."Id" ELSE r."Root" END, upper(json_extract(p.value, '$.Institution'))) AS "InstitutionKey",
                          json_extract(p.value, '$.Institution') AS "Written", o."OrganisationId", o."Kind", o."Year"
                   FROM "Obligations" AS o
                   JOIN json_each(o."Partners") AS p
                   LEFT JOIN "Institutions" AS d ON d."Id" = upper(json_extract(p.value, '$.InstitutionId'))
                   LEFT JOIN merged AS r ON r."Id" = d."Id"
                   WHERE o."Status" <> 'Open' AND o."Year" BETWEEN {0} AND {1} AND json_extract(p.value, '$.CountryCode') = {2}
               )
               SELECT n."InstitutionKey", COALESCE(MAX(i."Name"), MAX(n."Written")) AS "Institution",
                      n."OrganisationId", MAX(g."Name") AS "Organisation",
                      MAX(CASE WHEN n."Kind" = 'AnnualPlan' THEN 1 ELSE 0 END) AS "Wanted",
                      MAX(CASE WHEN n."Kind" <> 'AnnualPlan' THEN 1 ELSE 0 END) AS "Actual",
                      MIN(n."Year") AS "FirstYear", MAX(n."Year") AS "LastYear"
               FROM named AS n
               LEFT JOIN "Institutions" AS i ON i."Id" = n."InstitutionKey"
               LEFT JOIN "Organisations" AS g ON g."Id" = n."OrganisationId"
               GROUP BY n."InstitutionKey", n."OrganisationId"
               """;
        return db.Database.SqlQueryRaw<CountryNaming>(sql, low, high, countryCode).ToListAsync(cancellationToken);
    }

    public static Task<List<CategoryCount>> ItemsByCategoryAsync(GuoheDbContext db, Period period, CancellationToken cancellationToken)
    {
        var (low, high) = (period.Low, period.High);
        var sql = Postgres(db)
            ? """
               SELECT i.value->>'Category' AS "Category", CASE WHEN o."Kind" = 'AnnualPlan' THEN 'wanted' ELSE 'actual' END AS "Side", COUNT(*) AS "Items"
               FROM "Obligations" AS o CROSS JOIN LATERAL jsonb_array_elements(o."Items") AS i(value)
               WHERE o."Status" <> 'Open' AND o."Year" BETWEEN {0} AND {1}
               GROUP BY 1, 2
               """
            : """
               SELECT json_extract(i.value, '$.Category') AS "Category", CASE WHEN o."Kind" = 'AnnualPlan' THEN 'wanted' ELSE 'actual' END AS "Side", COUNT(*) AS "Items"
               FROM "Obligations" AS o JOIN json_each(o."Items") AS i
               WHERE o."Status" <> 'Open' AND o."Year" BETWEEN {0} AND {1}
               GROUP BY 1, 2
               """;
        return db.Database.SqlQueryRaw<CategoryCount>(sql, low, high).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Per year: every plan and summary owed, filed on or before its (possibly extended) due date, filed after it (the China
    /// date of filing, as <c>Obligation.FiledLate</c>), still open after it, and open but not yet due.
    /// </summary>
    public static Task<List<YearTimeliness>> ObligationTimelinessAsync(GuoheDbContext db, Period period, DateOnly today, CancellationToken cancellationToken)
    {
        var (low, high) = (period.Low, period.High);
        var sql = Postgres(db)
            ? """
               SELECT o."Year"::bigint AS "Year", COUNT(*) AS "Total",
                      COUNT(*) FILTER (WHERE o."Status" <> 'Open' AND (o."FiledAtUtc" AT TIME ZONE 'UTC' + interval '8 hours')::date <= o."DueDate") AS "OnTime",
                      COUNT(*) FILTER (WHERE o."Status" <> 'Open' AND (o."FiledAtUtc" AT TIME ZONE 'UTC' + interval '8 hours')::date > o."DueDate") AS "Late",
                      COUNT(*) FILTER (WHERE o."Status" = 'Open' AND o."DueDate" < {2}) AS "Overdue",
                      COUNT(*) FILTER (WHERE o."Status" = 'Open' AND o."DueDate" >= {2}) AS "Pending"
               FROM "Obligations" AS o
               WHERE o."Year" BETWEEN {0} AND {1}
               GROUP BY o."Year"
               """
            : """
               SELECT o."Year" AS "Year", COUNT(*) AS "Total",
                      SUM(o."Status" <> 'Open' AND date(o."FiledAtUtc", '+8 hours') <= o."DueDate") AS "OnTime",
                      SUM(o."Status" <> 'Open' AND date(o."FiledAtUtc", '+8 hours') > o."DueDate") AS "Late",
                      SUM(o."Status" = 'Open' AND o."DueDate" < {2}) AS "Overdue",
                      SUM(o."Status" = 'Open' AND o."DueDate" >= {2}) AS "Pending"
               FROM "Obligations" AS o
               WHERE o."Year" BETWEEN {0} AND {1}
               GROUP BY o."Year"
               """;
        return db.Database.SqlQueryRaw<YearTimeliness>(sql, low, high, today).ToListAsync(cancellationToken);
    }

    /// <summary>Per expert, year of the visit and purpose: how many visits or evaluations the expert sat on.</summary>
    public static Task<List<ExpertYear>> AssignmentsAsync(GuoheDbContext db, Period period, CancellationToken cancellationToken)
    {
        var (low, high) = (period.Low, period.High);
        var sql = Postgres(db)
            ? """
               SELECT lower(t.value->>'ExpertUserId') AS "ExpertUserId", MAX(t.value->>'Name') AS "Name",
                      EXTRACT(YEAR FROM v."Date")::bigint AS "Year", v."Purpose" AS "Purpose", COUNT(*) AS "Assignments"
               FROM "SiteVisits" AS v CROSS JOIN LATERAL jsonb_array_elements(v."Team") AS t(value)
               WHERE EXTRACT(YEAR FROM v."Date") BETWEEN {0} AND {1}
               GROUP BY 1, 3, 4
               """
            : """
               SELECT lower(json_extract(t.value, '$.ExpertUserId')) AS "ExpertUserId", MAX(json_extract(t.value, '$.Name')) AS "Name",
                      CAST(strftime('%Y', v."Date") AS INTEGER) AS "Year", v."Purpose" AS "Purpose", COUNT(*) AS "Assignments"
               FROM "SiteVisits" AS v JOIN json_each(v."Team") AS t
               WHERE CAST(strftime('%Y', v."Date") AS INTEGER) BETWEEN {0} AND {1}
               GROUP BY 1, 3, 4
               """;
        return db.Database.SqlQueryRaw<ExpertYear>(sql, low, high).ToListAsync(cancellationToken);
    }
}
