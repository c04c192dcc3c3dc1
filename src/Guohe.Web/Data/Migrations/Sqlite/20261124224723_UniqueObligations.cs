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
            // Filing documents so far all belonged to applications: their owner is the application. (Here, not in
            // DesignationYears, because SQLite rebuilds StoredFiles at the end of that migration.)
            migrationBuilder.Sql("UPDATE \"StoredFiles\" SET \"OwnerId\" = \"ApplicationId\" WHERE \"ApplicationId\" IS NOT NULL AND \"OwnerId\" = '00000000-0000-0000-0000-000000000000';");
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
