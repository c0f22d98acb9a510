using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SaferBcp.Cms.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddContentTranslations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ContentItems_PublishedPath",
                table: "ContentItems");

            migrationBuilder.AddColumn<string>(
                name: "Culture",
                table: "ContentItems",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<string>(
                name: "LocalizationSet",
                table: "ContentItems",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_LocalizationSet",
                table: "ContentItems",
                column: "LocalizationSet");

            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_PublishedPath",
                table: "ContentItems",
                columns: new[] { "Path", "Culture" },
                unique: true,
                filter: "\"Published\" AND \"Path\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ContentItems_LocalizationSet",
                table: "ContentItems");

            migrationBuilder.DropIndex(
                name: "IX_ContentItems_PublishedPath",
                table: "ContentItems");

            migrationBuilder.DropColumn(
                name: "Culture",
                table: "ContentItems");

            migrationBuilder.DropColumn(
                name: "LocalizationSet",
                table: "ContentItems");

            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_PublishedPath",
                table: "ContentItems",
                column: "Path",
                unique: true,
                filter: "\"Published\" AND \"Path\" IS NOT NULL");
        }
    }
}
