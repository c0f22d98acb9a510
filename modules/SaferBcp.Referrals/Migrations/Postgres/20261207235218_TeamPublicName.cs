using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SaferBcp.Referrals.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TeamPublicName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PublicName",
                table: "Referrals_Teams",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PublicName",
                table: "Referrals_Teams");
        }
    }
}
