using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IdP.Server.Tests.Infrastructure;

/// <summary>
/// Records the SQL text of every command the server runs while handling a POST, by request, so a test can compare the
/// database work of two requests statement by statement (parameter values are not part of the text); with
/// <see cref="RecordEveryRequest"/> GETs are recorded too, for a journey's page loads. Background work
/// (the outbox worker, housekeeping) has no request and is not recorded. Given to a server with
/// <see cref="IdPFactory.Attach"/>.
/// </summary>
public sealed class RequestSqlRecorder : RequestCommandInterceptor
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _byRequest = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _posts = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    /// <summary>Whether requests of every method are recorded, not only POSTs (off unless a test sets it).</summary>
    public bool RecordEveryRequest { get; set; }

    /// <summary>
    /// Every request recorded so far that ran at least one command, in the order each ran its first, with its
    /// commands (a request still running shows those it has run).
    /// </summary>
    public IReadOnlyList<RecordedRequest> Requests() => [.. _requests];

    /// <summary>The commands of the latest POST the server handled, in the order they ran.</summary>
    public IReadOnlyList<string> LastPost() =>
        _posts.LastOrDefault() is { } id && _byRequest.TryGetValue(id, out var commands) ? [.. commands] : [];

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return base.NonQueryExecuting(command, eventData, result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return base.ScalarExecuting(command, eventData, result);
    }

    private void Record(DbCommand command)
    {
        if (Http is not { } context || (context.Request.Method != "POST" && !RecordEveryRequest))
        {
            return;
        }

        var commands = _byRequest.GetOrAdd(context.TraceIdentifier, id =>
        {
            var queue = new ConcurrentQueue<string>();
            if (context.Request.Method == "POST")
            {
                _posts.Enqueue(id);
            }

            _requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, queue));
            return queue;
        });
        commands.Enqueue(command.CommandText);
    }
}

/// <summary>One request's method, path (with query) and the SQL text of the commands it ran, in order.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyCollection<string> Commands);
