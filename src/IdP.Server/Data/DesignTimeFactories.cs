using Microsoft.EntityFrameworkCore.Design;

namespace IdP.Server.Data;

// Used only by `dotnet ef migrations add`: each provider's context gets its migrations from its own factory.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteIdPDbContext>
{
    public SqliteIdPDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteIdPDbContext>().UseSqlite("Data Source=design.db").UseOpenIddict().Options);
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlIdPDbContext>
{
    public PostgreSqlIdPDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlIdPDbContext>().UseNpgsql("Host=localhost;Database=idp_design").UseOpenIddict().Options);
}
