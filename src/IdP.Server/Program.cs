using IdP.Server.Cli;

// A command (admin create, migrate, keys rotate…) runs and exits; anything else starts the server as always.
if (IdPCli.IsCommand(args))
{
    return await IdPCli.RunAsync(args, CliConsole.Standard);
}

var builder = WebApplication.CreateBuilder(ServerHostDefaults.Options(args));
builder.UseIdPHostDefaults();
builder.AddIdPServer();

var app = builder.Build();
await app.InitializeIdPAsync();
app.UseIdPPipeline();
app.MapIdPEndpoints();
await app.RunAsync();
return 0;

/// <summary>The server's entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
