using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdP.Server.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class RequireIdTokenInLogoutRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing flows get B2C's default: off, so their logout keeps answering requests without a hint.
            migrationBuilder.AddColumn<bool>(
                name: "RequireIdTokenInLogoutRequests",
                table: "UserFlows",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RequireIdTokenInLogoutRequests",
                table: "UserFlows");
        }
    }
}
