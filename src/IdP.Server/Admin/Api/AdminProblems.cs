namespace IdP.Server.Admin.Api;

/// <summary>How the admin API's endpoints turn core results into HTTP: field errors become a validation problem.</summary>
internal static class AdminProblems
{
    public const string ValidationTitle = "The request is not valid.";

    /// <summary>A 400 <c>application/problem+json</c> with the errors by field.</summary>
    public static ValidationProblem Validation(IEnumerable<FieldError> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal),
            title: ValidationTitle);

    /// <summary>200 with the value, 400 with field errors, or 404.</summary>
    public static Results<Ok<TOut>, NotFound, ValidationProblem> Ok<T, TOut>(AdminResult<T> result, Func<T, TOut> map) => result switch
    {
        AdminResult<T>.Done done => TypedResults.Ok(map(done.Value)),
        AdminResult<T>.Invalid invalid => Validation(invalid.Errors),
        _ => TypedResults.NotFound(),
    };

    /// <summary>200 with the value, 400 with field errors, or 404.</summary>
    public static Results<Ok<T>, NotFound, ValidationProblem> Ok<T>(AdminResult<T> result) => Ok(result, v => v);

    /// <summary>201 with the value and its address, 400 with field errors, or 404.</summary>
    public static Results<Created<T>, NotFound, ValidationProblem> Created<T>(AdminResult<T> result, Func<T, string> location) => result switch
    {
        AdminResult<T>.Done done => TypedResults.Created(location(done.Value), done.Value),
        AdminResult<T>.Invalid invalid => Validation(invalid.Errors),
        _ => TypedResults.NotFound(),
    };

    /// <summary>204, 400 with field errors, or 404.</summary>
    public static Results<NoContent, NotFound, ValidationProblem> NoContent<T>(AdminResult<T> result) => result switch
    {
        AdminResult<T>.Done => TypedResults.NoContent(),
        AdminResult<T>.Invalid invalid => Validation(invalid.Errors),
        _ => TypedResults.NotFound(),
    };

    /// <summary>The caller as the audit log names it: the application (client id) the access token was issued to.</summary>
    public static string Actor(this ClaimsPrincipal user) =>
        user.GetClaim(Claims.AuthorizedParty) ?? user.GetClaim(Claims.ClientId) ?? user.GetClaim(Claims.Subject) ?? "unknown";
}
