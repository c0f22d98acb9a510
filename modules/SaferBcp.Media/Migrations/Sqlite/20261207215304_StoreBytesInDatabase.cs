using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SaferBcp.Media.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StoreBytesInDatabase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Sha256",
                table: "Media_Files",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Media_Blobs",
                columns: table => new
                {
                    MediaFileId = table.Column<int>(type: "INTEGER", nullable: false),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Media_Blobs", x => x.MediaFileId);
                    table.ForeignKey(
                        name: "FK_Media_Blobs_Media_Files_MediaFileId",
                        column: x => x.MediaFileId,
                        principalTable: "Media_Files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Media_Blobs");

            migrationBuilder.DropColumn(
                name: "Sha256",
                table: "Media_Files");
        }
    }
}
