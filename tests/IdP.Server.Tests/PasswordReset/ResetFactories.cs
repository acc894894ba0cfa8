using IdP.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace IdP.Server.Tests.PasswordReset;

/// <summary>A server whose mail goes to an in-process SMTP server.</summary>
public interface IResetServer
{
    IdPFactory Factory { get; }

    TestSmtpServer Smtp { get; }

    /// <summary>The SQL each POST ran, for comparing the work of two requests.</summary>
    RequestSqlRecorder Sql { get; }
}

/// <summary>The server on SQLite, with its own SMTP server and reset on for everyone at first start.</summary>
public class SqliteResetFactory : SqliteIdPFactory, IResetServer
{
    public SqliteResetFactory()
    {
        Smtp.Configure(this);
        With("IdP:PasswordReset:Mode", "All");
    }

    public IdPFactory Factory => this;

    public TestSmtpServer Smtp { get; } = new();

    public RequestSqlRecorder Sql { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(Sql.AddTo);
    }

    public override async Task InitializeAsync()
    {
        await Smtp.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>The server on PostgreSQL, with its own SMTP server and reset on for everyone at first start.</summary>
public class PostgresResetFactory : PostgresIdPFactory, IResetServer
{
    public PostgresResetFactory()
    {
        Smtp.Configure(this);
        With("IdP:PasswordReset:Mode", "All");
    }

    public IdPFactory Factory => this;

    public TestSmtpServer Smtp { get; } = new();

    public RequestSqlRecorder Sql { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(Sql.AddTo);
    }

    public override async Task InitializeAsync()
    {
        await Smtp.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
