using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SaferBcp.Referrals.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PossiblyAutomated : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "PossiblyAutomated",
                table: "Referrals_Referrals",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PossiblyAutomated",
                table: "Referrals_Referrals");
        }
    }
}
