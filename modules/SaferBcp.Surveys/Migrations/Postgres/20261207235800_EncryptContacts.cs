using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SaferBcp.Surveys.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EncryptContacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ProtectedDetails",
                table: "Surveys_Contacts",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ProtectedDetails",
                table: "Surveys_Contacts");
        }
    }
}
