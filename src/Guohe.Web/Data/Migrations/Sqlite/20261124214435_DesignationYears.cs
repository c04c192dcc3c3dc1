using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guohe.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DesignationYears : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "ApplicationId",
                table: "StoredFiles",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<Guid>(
                name: "DesignationId",
                table: "StoredFiles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OwnerId",
                table: "StoredFiles",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<DateOnly>(
                name: "InspectionOn",
                table: "SiteVisits",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MinutesFileId",
                table: "SiteVisits",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReviewMeetingOn",
                table: "SiteVisits",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "WorkReportOn",
                table: "SiteVisits",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DraftSavedAtUtc",
                table: "Obligations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Items",
                table: "Obligations",
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.CreateTable(
                name: "Fees",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Details_Amount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    Details_ChargedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Details_Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Details_InvoiceNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Details_Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    HistoryLength = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Fees", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Institutions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Aliases = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    MergedIntoId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    HistoryLength = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Institutions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ObligationReminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ObligationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ObligationReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ObligationReminders_Obligations_ObligationId",
                        column: x => x.ObligationId,
                        principalTable: "Obligations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StoredFiles_DesignationId",
                table: "StoredFiles",
                column: "DesignationId");

            migrationBuilder.CreateIndex(
                name: "IX_StoredFiles_OwnerId_Kind",
                table: "StoredFiles",
                columns: new[] { "OwnerId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_Fees_OrganisationId",
                table: "Fees",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Institutions_CountryCode",
                table: "Institutions",
                column: "CountryCode");

            migrationBuilder.CreateIndex(
                name: "IX_ObligationReminders_ObligationId_Stage_DueDate",
                table: "ObligationReminders",
                columns: new[] { "ObligationId", "Stage", "DueDate" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_StoredFiles_Designations_DesignationId",
                table: "StoredFiles",
                column: "DesignationId",
                principalTable: "Designations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_StoredFiles_Designations_DesignationId",
                table: "StoredFiles");

            migrationBuilder.DropTable(
                name: "Fees");

            migrationBuilder.DropTable(
                name: "Institutions");

            migrationBuilder.DropTable(
                name: "ObligationReminders");

            migrationBuilder.DropIndex(
                name: "IX_StoredFiles_DesignationId",
                table: "StoredFiles");

            migrationBuilder.DropIndex(
                name: "IX_StoredFiles_OwnerId_Kind",
                table: "StoredFiles");

            migrationBuilder.DropColumn(
                name: "DesignationId",
                table: "StoredFiles");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "StoredFiles");

            migrationBuilder.DropColumn(
                name: "InspectionOn",
                table: "SiteVisits");

            migrationBuilder.DropColumn(
                name: "MinutesFileId",
                table: "SiteVisits");

            migrationBuilder.DropColumn(
                name: "ReviewMeetingOn",
                table: "SiteVisits");

            migrationBuilder.DropColumn(
                name: "WorkReportOn",
                table: "SiteVisits");

            migrationBuilder.DropColumn(
                name: "DraftSavedAtUtc",
                table: "Obligations");

            migrationBuilder.DropColumn(
                name: "Items",
                table: "Obligations");

            migrationBuilder.AlterColumn<Guid>(
                name: "ApplicationId",
                table: "StoredFiles",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
