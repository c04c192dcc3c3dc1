using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guohe.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UniqueObligations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Obligations_DesignationId_Kind_Year",
                table: "Obligations");

            migrationBuilder.CreateIndex(
                name: "IX_Obligations_DesignationId_Kind_Year",
                table: "Obligations",
                columns: new[] { "DesignationId", "Kind", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Obligations_DesignationId_Kind_Year",
                table: "Obligations");

            migrationBuilder.CreateIndex(
                name: "IX_Obligations_DesignationId_Kind_Year",
                table: "Obligations",
                columns: new[] { "DesignationId", "Kind", "Year" });
        }
    }
}
