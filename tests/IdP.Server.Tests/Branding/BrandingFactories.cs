using IdP.Server.Tests.Admin;
using IdP.Server.Tests.Infrastructure;
using IdP.Server.Tests.PasswordReset;

namespace IdP.Server.Tests.Branding;

/// <summary>A server with the admin API's client, reset on for everyone and mail to its own SMTP server.</summary>
public interface IBrandingServer
{
    IdPFactory Factory { get; }

    TestSmtpServer Smtp { get; }
}

public sealed class BrandingSqliteFactory : IdPFactory<Sqlite>, IBrandingServer
{
    public BrandingSqliteFactory()
    {
        AdminApiClient.Configure(this);
        Smtp = ResetServer.Prepare(this);
    }

    public IdPFactory Factory => this;

    public TestSmtpServer Smtp { get; }
}

public sealed class BrandingPostgresFactory : IdPFactory<Postgres>, IBrandingServer
{
    public BrandingPostgresFactory()
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
