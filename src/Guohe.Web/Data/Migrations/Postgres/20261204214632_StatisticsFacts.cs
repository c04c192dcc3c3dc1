using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guohe.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StatisticsFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PartnerRowFacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ObligationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Plan = table.Column<bool>(type: "boolean", nullable: false),
                    CountryCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Institution = table.Column<string>(type: "text", nullable: false),
                    InstitutionKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerRowFacts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TeamSeatFacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteVisitId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExpertUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamSeatFacts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkItemFacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ObligationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Plan = table.Column<bool>(type: "boolean", nullable: false),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkItemFacts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Obligations_Year_Status_DueDate_FiledAtUtc",
                table: "Obligations",
                columns: new[] { "Year", "Status", "DueDate", "FiledAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerRowFacts_CountryCode_Plan_InstitutionId_InstitutionK~",
                table: "PartnerRowFacts",
                columns: new[] { "CountryCode", "Plan", "InstitutionId", "InstitutionKey", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerRowFacts_CountryCode_Plan_OrganisationId_Year",
                table: "PartnerRowFacts",
                columns: new[] { "CountryCode", "Plan", "OrganisationId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerRowFacts_ObligationId",
                table: "PartnerRowFacts",
                column: "ObligationId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamSeatFacts_SiteVisitId",
                table: "TeamSeatFacts",
                column: "SiteVisitId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamSeatFacts_Year_ExpertUserId_Purpose_Name",
                table: "TeamSeatFacts",
                columns: new[] { "Year", "ExpertUserId", "Purpose", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkItemFacts_ObligationId",
                table: "WorkItemFacts",
                column: "ObligationId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkItemFacts_Year_Category_Plan",
                table: "WorkItemFacts",
                columns: new[] { "Year", "Category", "Plan" });

            // Backfill from the JSON lists the aggregates keep (only filed forms count; see StatisticsFacts).
            migrationBuilder.Sql("""
                INSERT INTO "PartnerRowFacts" ("Id", "ObligationId", "OrganisationId", "Year", "Plan", "CountryCode", "InstitutionId", "Institution", "InstitutionKey")
                SELECT gen_random_uuid(), o."Id", o."OrganisationId", o."Year", o."Kind" = 'AnnualPlan',
                       p.value->>'CountryCode', NULLIF(p.value->>'InstitutionId', '')::uuid, p.value->>'Institution', left(upper(p.value->>'Institution'), 200)
                FROM "Obligations" AS o CROSS JOIN LATERAL jsonb_array_elements(o."Partners") AS p(value)
                WHERE o."Status" <> 'Open';
                """);
            migrationBuilder.Sql("""
                INSERT INTO "WorkItemFacts" ("Id", "ObligationId", "Year", "Plan", "Category")
                SELECT gen_random_uuid(), o."Id", o."Year", o."Kind" = 'AnnualPlan', i.value->>'Category'
                FROM "Obligations" AS o CROSS JOIN LATERAL jsonb_array_elements(o."Items") AS i(value)
                WHERE o."Status" <> 'Open';
                """);
            migrationBuilder.Sql("""
                INSERT INTO "TeamSeatFacts" ("Id", "SiteVisitId", "ExpertUserId", "Name", "Year", "Purpose")
                SELECT gen_random_uuid(), v."Id", (t.value->>'ExpertUserId')::uuid, t.value->>'Name', EXTRACT(YEAR FROM v."Date")::int, v."Purpose"
                FROM "SiteVisits" AS v CROSS JOIN LATERAL jsonb_array_elements(v."Team") AS t(value);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PartnerRowFacts");

            migrationBuilder.DropTable(
                name: "TeamSeatFacts");

            migrationBuilder.DropTable(
                name: "WorkItemFacts");

            migrationBuilder.DropIndex(
                name: "IX_Obligations_Year_Status_DueDate_FiledAtUtc",
                table: "Obligations");
        }
    }
}
