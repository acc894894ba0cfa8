#nullable disable

namespace IdP.Server.Data.Migrations.Sqlite
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
                type: "INTEGER",
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
