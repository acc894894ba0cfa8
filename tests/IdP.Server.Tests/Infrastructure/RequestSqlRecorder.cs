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

    // Called once for every command EF Core builds to run (reader, non-query and scalar, sync or async), right after
    // it has set the command's text and just before it runs it.
    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        Record(result);
        return base.CommandInitialized(eventData, result);
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
