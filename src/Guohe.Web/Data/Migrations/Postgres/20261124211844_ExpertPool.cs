using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guohe.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExpertPool : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ReminderSentAtUtc",
                table: "SiteVisits",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Profile_KeyFields",
                table: "Organisations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);

            migrationBuilder.AlterColumn<string>(
                name: "Profile_KeyFields",
                table: "Applications",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);

            migrationBuilder.CreateTable(
                name: "Experts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Details_DeclaredConflicts = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Details_Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Details_Fields = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Details_Mobile = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Details_Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Details_OrganisationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Details_OrganisationUscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Details_Province = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Details_RecommendedBy = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Details_Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Details_UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    HistoryLength = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Experts", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Experts");

            migrationBuilder.DropColumn(
                name: "ReminderSentAtUtc",
                table: "SiteVisits");

            migrationBuilder.AlterColumn<string>(
                name: "Profile_KeyFields",
                table: "Organisations",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "Profile_KeyFields",
                table: "Applications",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);
        }
    }
}
