#nullable disable

namespace IdP.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomPageContent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CustomPageCheckedAt",
                table: "UserFlows",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CustomPageContent",
                table: "UserFlows",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CustomPageError",
                table: "UserFlows",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CustomPageFetchedAt",
                table: "UserFlows",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CustomPageUri",
                table: "UserFlows",
                type: "TEXT",
                maxLength: 2048,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CustomPageCheckedAt",
                table: "UserFlows");

            migrationBuilder.DropColumn(
                name: "CustomPageContent",
                table: "UserFlows");

            migrationBuilder.DropColumn(
                name: "CustomPageError",
                table: "UserFlows");

            migrationBuilder.DropColumn(
                name: "CustomPageFetchedAt",
                table: "UserFlows");

            migrationBuilder.DropColumn(
                name: "CustomPageUri",
                table: "UserFlows");
        }
    }
}
