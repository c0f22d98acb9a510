using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SaferBcp.Referrals.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddReferralLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Referrals_Referrals",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "en");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Language",
                table: "Referrals_Referrals");
        }
    }
}
