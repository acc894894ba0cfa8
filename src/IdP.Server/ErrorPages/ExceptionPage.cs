using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;

namespace IdP.Server.ErrorPages;

/// <summary>What users see when something unexpected fails: the error page with a correlation id, never exception details.</summary>
internal static class ExceptionPage
{
    public static async Task WriteAsync(HttpContext context)
    {
        var text = context.RequestServices.GetRequiredService<IStringLocalizer<ErrorText>>();
        var model = ErrorPage.Model(context, text["GenericTitle"], text["GenericMessage"]);
        if (WantsJson(context))
        {
            await Results.Problem(title: model.Title, detail: model.Message, statusCode: StatusCodes.Status500InternalServerError,
                extensions: new Dictionary<string, object?> { ["correlationId"] = model.CorrelationId, ["timestamp"] = model.Timestamp }).ExecuteAsync(context);
            return;
        }

        await ErrorPage.Result(model, StatusCodes.Status500InternalServerError).ExecuteAsync(context);
    }

    internal static bool WantsJson(HttpContext context) =>
        context.Request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase)
        || Admin.Api.AdminApiStatus.Handles(context)
        || context.Request.Path.Value?.Contains("/oauth2/", StringComparison.OrdinalIgnoreCase) == true && HttpMethods.IsPost(context.Request.Method);
}

/// <summary>Bodies for bare status codes (404 for unknown paths, 400 for a failed antiforgery check, 405…).</summary>
internal static class StatusCodePage
{
    public static async Task WriteAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        if (Admin.Api.AdminApiStatus.Handles(context))
        {
            await Admin.Api.AdminApiStatus.WriteAsync(context);
            return;
        }

        var text = context.RequestServices.GetRequiredService<IStringLocalizer<ErrorText>>();
        var code = context.Response.StatusCode;
        var (title, message) = code == StatusCodes.Status404NotFound
            ? (text["NotFoundTitle"].Value, text["NotFoundMessage"].Value)
            : (text["BadRequestTitle"].Value, text["GenericMessage"].Value);

        if (ExceptionPage.WantsJson(context))
        {
            await Results.Problem(title: title, detail: message, statusCode: code).ExecuteAsync(context);
            return;
        }

        await ErrorPage.Result(ErrorPage.Model(context, title, message), code).ExecuteAsync(context);
    }
}
