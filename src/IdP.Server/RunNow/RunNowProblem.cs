namespace IdP.Server.RunNow;

/// <summary>Why a run cannot start, shown like every error page, with a link to what works instead when there is one.</summary>
public sealed record RunNowProblem(ErrorModel Error)
{
    public string? LinkUrl { get; init; }
    public string? LinkText { get; init; }
}
