#nullable disable

namespace IdP.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConfigurationStampTriggers : Migration
    {
        private static readonly string[] Tables =
        [
            "Tenants", "UserFlows", "Applications", "ClientSecrets", "OpenIddictApplications", "OpenIddictScopes",
            "TenantBrandings", "BrandingImages", "StringOverrides",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConfigurationStamps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConfigurationStamps", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "ConfigurationStamps",
                columns: new[] { "Id", "Version" },
                values: new object[] { 1, 0L });

            // Every write to a configuration table moves the stamp in the writer's transaction (ConfigurationTables
            // says which tables and why). The names are this migration's own copy: a later table gets its triggers
            // from a later migration.
            foreach (var table in Tables)
            {
                migrationBuilder.Sql(ConfigurationTables.SqliteTriggers(table));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                foreach (var operation in new[] { "INSERT", "UPDATE", "DELETE" })
                {
                    migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{table}_ConfigurationStamp_{operation}\";");
                }
            }

            migrationBuilder.DropTable(
                name: "ConfigurationStamps");
        }
    }
}
