namespace IdP.Server.Limits;

/// <summary>
/// How a refused request is answered: always 429 with <c>Retry-After</c>; browsers get the error page (or their form
/// again with the message), APIs problem+json, with B2C's throttling code <see cref="B2CErrorCodes.Throttled"/>.
/// </summary>
internal static class ThrottledAnswers
{
    /// <summary>Sets the status and <c>Retry-After</c> (for pages that show their own form again with a message).</summary>
    public static void MarkThrottled(this HttpResponse response, LimitDecision.Throttled throttled)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = throttled.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The error page, for a browser step that has no form to show again (authorize, Run now).</summary>
    public static IResult Page(HttpContext http, LimitDecision.Throttled throttled)
    {
        http.Response.MarkThrottled(throttled);
        return ErrorPage.Result(Model(http), StatusCodes.Status429TooManyRequests);
    }

    /// <summary>The error page as an MVC result (Razor Pages handlers).</summary>
    public static ViewResult PageView(HttpContext http, LimitDecision.Throttled throttled)
    {
        http.Response.MarkThrottled(throttled);
        return ErrorPage.View(Model(http), StatusCodes.Status429TooManyRequests);
    }

    /// <summary>Problem+json, for APIs.</summary>
    public static Task WriteProblemAsync(HttpContext http, LimitDecision.Throttled throttled)
    {
        http.Response.MarkThrottled(throttled);
        var model = Model(http);
        return Results.Problem(
                title: model.Title,
                detail: B2CErrorCodes.ThrottledDescription,
                statusCode: StatusCodes.Status429TooManyRequests,
                extensions: new Dictionary<string, object?> { ["correlationId"] = model.CorrelationId, ["retryAfter"] = throttled.RetryAfterSeconds })
            .ExecuteAsync(http);
    }

    private static ErrorModel Model(HttpContext http)
    {
        var text = http.RequestServices.GetRequiredService<IStringLocalizer<ErrorText>>();
        return ErrorPage.Model(http, text["ThrottledTitle"], text["ThrottledMessage"], B2CErrorCodes.Throttled);
    }
}
