#nullable disable

namespace IdP.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AbuseLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "WrongEntries",
                table: "EmailCodeSends",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Codes killed before this column existed keep weighing in the back-off (MaxAttempts' default, 5).
            migrationBuilder.Sql("UPDATE \"EmailCodeSends\" SET \"WrongEntries\" = 5 WHERE \"ExhaustedAt\" IS NOT NULL");

            migrationBuilder.CreateTable(
                name: "RateLimitCounters",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RateLimitCounters", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RateLimitCounters_ExpiresAt",
                table: "RateLimitCounters",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RateLimitCounters");

            migrationBuilder.DropColumn(
                name: "WrongEntries",
                table: "EmailCodeSends");
        }
    }
}
