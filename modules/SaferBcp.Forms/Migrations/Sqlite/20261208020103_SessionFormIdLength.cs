using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SaferBcp.Forms.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SessionFormIdLength : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
