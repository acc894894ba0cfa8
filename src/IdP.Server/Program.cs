using IdP.Server.Hosting;

var builder = WebApplication.CreateBuilder(ServerHostDefaults.Options(args));
builder.UseIdPHostDefaults();
builder.AddIdPServer();

var app = builder.Build();
await app.InitializeIdPAsync();
app.UseIdPPipeline();
app.MapIdPEndpoints();
await app.RunAsync();

/// <summary>The server's entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
