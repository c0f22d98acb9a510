using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SaferBcp.Cms.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChangeNodeId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NodeId",
                table: "ContentChanges",
                type: "TEXT",
                maxLength: 128,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NodeId",
                table: "ContentChanges");
        }
    }
}
