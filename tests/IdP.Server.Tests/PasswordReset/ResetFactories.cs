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
    public static TestSmtpServer Prepare(IdPFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var smtp = factory.Attach(new TestSmtpServer());
        factory.With("IdP:PasswordReset:Mode", "All");
        return smtp;
    }
}

/// <summary>The reset server on <typeparamref name="TDatabase"/>, recording the SQL of each POST.</summary>
public class ResetFactory<TDatabase> : IdPFactory<TDatabase>, IResetServer
    where TDatabase : ITestDatabase, new()
{
    public ResetFactory()
    {
        Smtp = ResetServer.Prepare(this);
        Sql = Attach(new RequestSqlRecorder());
    }

    public IdPFactory Factory => this;

    public TestSmtpServer Smtp { get; }

    public RequestSqlRecorder Sql { get; }
}
