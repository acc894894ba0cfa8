namespace IdP.Server.Tests.Branding;

/// <summary>A server with the admin API's client, reset on for everyone and mail to its own SMTP server.</summary>
public interface IBrandingServer
{
    IdPFactory Factory { get; }

    TestSmtpServer Smtp { get; }
}

public class BrandingFactory<TDatabase> : IdPFactory<TDatabase>, IBrandingServer
    where TDatabase : ITestDatabase, new()
{
    public BrandingFactory()
    {
        AdminApiClient.Configure(this);
        Smtp = ResetServer.Prepare(this);
    }

    public IdPFactory Factory => this;

    public TestSmtpServer Smtp { get; }
}

/// <summary>Uploads to the admin API's branding images, as a script with curl would.</summary>
internal static class BrandingUploads
{
    public static async Task<AdminResponse> UploadAsync(this AdminApiClient admin, IdPFactory factory, string image, byte[] content, string contentType = "image/png")
    {
        using var client = factory.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/admin/api/branding/{image}") { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = new(contentType);
        request.Headers.Authorization = new("Bearer", await admin.TokenAsync());
        using var response = await client.SendAsync(request);
        return await AdminResponse.ReadAsync(response);
    }

    public static async Task<AdminResponse> UploadFormAsync(this AdminApiClient admin, IdPFactory factory, string image, byte[] content, string fileName)
    {
        using var client = factory.CreateHttpClient();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/admin/api/branding/{image}") { Content = form };
        request.Headers.Authorization = new("Bearer", await admin.TokenAsync());
        using var response = await client.SendAsync(request);
        return await AdminResponse.ReadAsync(response);
    }
}

/// <summary>
/// What the branding suites share: the server, its admin API and SMTP server, and after each test the tenant's default look again (no
/// theme, no images, no string overrides), since the suite's server is shared by its tests.
/// </summary>
public abstract class BrandingSuite(IBrandingServer server) : IAsyncLifetime
{
    protected IdPFactory Factory { get; } = server.Factory;

    protected AdminApiClient Admin { get; } = new(server.Factory);

    protected TestSmtpServer Smtp { get; } = server.Smtp;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        (await Admin.PutAsync("branding", new { })).Expect(200);
        foreach (var image in new[] { "banner-logo", "square-logo", "background-image" })
        {
            await Admin.DeleteAsync($"branding/{image}");
        }

        foreach (var language in new[] { "fr", "en" })
        {
            (await Admin.PutAsync($"branding/strings/{language}", new Dictionary<string, string?>())).Expect(200);
        }
    }
}
