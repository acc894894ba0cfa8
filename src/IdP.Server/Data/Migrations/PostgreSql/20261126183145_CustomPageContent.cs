#nullable disable

namespace IdP.Server.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CustomPageContent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CustomPageCheckedAt",
                table: "UserFlows",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CustomPageContent",
                table: "UserFlows",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CustomPageError",
                table: "UserFlows",
                type: "character varying(512)",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CustomPageFetchedAt",
                table: "UserFlows",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CustomPageUri",
                table: "UserFlows",
                type: "character varying(2048)",
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
