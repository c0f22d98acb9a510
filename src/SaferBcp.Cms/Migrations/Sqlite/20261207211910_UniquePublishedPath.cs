using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SaferBcp.Cms.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UniquePublishedPath : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_PublishedPath",
                table: "ContentItems",
                column: "Path",
                unique: true,
                filter: "\"Published\" = 1 AND \"Path\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ContentItems_PublishedPath",
                table: "ContentItems");
        }
    }
}
