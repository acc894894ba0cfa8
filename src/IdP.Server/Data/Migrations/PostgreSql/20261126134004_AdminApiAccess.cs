#nullable disable

namespace IdP.Server.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AdminApiAccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AdminApiAccess",
                table: "Applications",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AdminApiAccess",
                table: "Applications");
        }
    }
}
