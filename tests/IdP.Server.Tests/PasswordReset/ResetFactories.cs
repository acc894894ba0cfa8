using IdP.Server.Tests.Infrastructure;

namespace IdP.Server.Tests.PasswordReset;

/// <summary>A server whose mail goes to an in-process SMTP server.</summary>
public interface IResetServer
{
    IdPFactory Factory { get; }

    TestSmtpServer Smtp { get; }

    /// <summary>The SQL each POST ran, for comparing the work of two requests.</summary>
    RequestSqlRecorder Sql { get; }
}

/// <summary>What makes a server a reset server: mail to its own SMTP server, reset on for everyone at first start.</summary>
public static class ResetServer
{
    public static TestSmtpServer Prepare(IdPFactory factory, RequestSqlRecorder? sql = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var smtp = factory.Attach(new TestSmtpServer());
        factory.With("IdP:PasswordReset:Mode", "All");
        if (sql is not null)
        {
            factory.WithServices(sql.AddTo);
        }

        return smtp;
    }
}

/// <summary>The reset server on SQLite.</summary>
public class SqliteResetFactory : SqliteIdPFactory, IResetServer
{
    public SqliteResetFactory() => Smtp = ResetServer.Prepare(this, Sql);

    public IdPFactory Factory => this;

    public TestSmtpServer Smtp { get; }

    public RequestSqlRecorder Sql { get; } = new();
}

/// <summary>The reset server on PostgreSQL.</summary>
public class PostgresResetFactory : PostgresIdPFactory, IResetServer
{
    public PostgresResetFactory() => Smtp = ResetServer.Prepare(this, Sql);

    public IdPFactory Factory => this;

    public TestSmtpServer Smtp { get; }

    public RequestSqlRecorder Sql { get; } = new();
}
