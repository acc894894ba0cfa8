using System.Reflection;

namespace IdP.Server.Tests.Hosting;

/// <summary>
/// Every log message has its own event id, so an operator's alert or log query on an id means one thing (two messages
/// once shared 4001 and 4002).
/// </summary>
public sealed class LogEventIdTests
{
    [Fact]
    public void No_two_log_messages_share_an_event_id()
    {
        var messages = new[] { typeof(Program).Assembly, typeof(IdP.Core.Accounts.Account).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(method => (Method: $"{method.DeclaringType!.FullName}.{method.Name}", Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        Assert.NotEmpty(messages);
        var shared = messages.GroupBy(m => m.Attribute!.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}")
            .ToList();
        Assert.True(shared.Count == 0, "Event ids used more than once: " + string.Join("; ", shared));
    }
}
