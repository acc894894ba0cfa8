namespace IdP.Core.UserFlows.CustomPages;

/// <summary>
/// A flow's custom page content: an uploaded template is checked and stored; a template URI is fetched and checked
/// when saved (a bad one is refused), then fetched again by <see cref="RefreshDueAsync"/> once its copy is older than
/// the refresh interval. The copy lives in the database, so every node serves the same; a failed refresh keeps the
/// last good copy and records why.
/// </summary>
public sealed class CustomPageService(IIdPDbContext db, CustomPageFetcher fetcher, TimeProvider time, IOptions<CustomPageOptions> options)
{
    /// <summary>The admin API's name of the uploaded template field.</summary>
    public const string ContentField = "customPageContent";

    /// <summary>The admin API's name of the template URI field.</summary>
    public const string UriField = "customPageUri";

    /// <summary>
    /// What saving <paramref name="content"/> or <paramref name="uri"/> does to a flow (null leaves the template as it
    /// is; an empty string removes it). A URI is fetched now, so a bad one is refused when it is saved.
    /// </summary>
    public async Task<CustomPageChange> PrepareAsync(string? content, string? uri, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(content) && !string.IsNullOrWhiteSpace(uri))
        {
            return new CustomPageChange.Invalid(UriField, AdminText.CustomPageBoth);
        }

        if (!string.IsNullOrWhiteSpace(uri))
        {
            return await fetcher.FetchAsync(uri.Trim(), cancellationToken) switch
            {
                CustomPageFetch.Fetched fetched => new CustomPageChange.Replace(fetched.Html, uri.Trim(), time.UtcNow()),
                CustomPageFetch.Failed failed => new CustomPageChange.Invalid(UriField, failed.Message),
                _ => throw new InvalidOperationException("Unknown fetch result."),
            };
        }

        if (!string.IsNullOrWhiteSpace(content))
        {
            return CustomPageRules.Check(content) switch
            {
                CustomPageCheck.Accepted accepted => new CustomPageChange.Replace(accepted.Html, null, null),
                CustomPageCheck.Refused refused => new CustomPageChange.Invalid(ContentField, refused.Problem.Message),
                _ => throw new InvalidOperationException("Unknown check result."),
            };
        }

        return content is not null || uri is not null ? new CustomPageChange.Replace(null, null, null) : new CustomPageChange.Unchanged();
    }

    /// <summary>
    /// Fetches the template of the flow named <paramref name="policy"/> again now, without storing it; null when the flow
    /// has no template URI. Called before a transaction opens (as <see cref="PrepareAsync"/> is), so a slow template
    /// server never holds one open; <see cref="StoreAsync"/> then stores the outcome.
    /// </summary>
    public async Task<CustomPageRefetch?> FetchAgainAsync(string policy, CancellationToken cancellationToken)
    {
        var normalized = UserFlowName.Normalize(policy);
        var uri = await db.UserFlows.AsNoTracking().Where(f => f.NormalizedName == normalized).Select(f => f.CustomPageUri).FirstOrDefaultAsync(cancellationToken);
        if (uri is null)
        {
            return null;
        }

        var checkedAt = time.UtcNow();
        return new CustomPageRefetch(normalized, uri, checkedAt, await fetcher.FetchAsync(uri, cancellationToken));
    }

    /// <summary>Stores what <see cref="FetchAgainAsync"/> found; false when the flow no longer has that template URI.</summary>
    public async Task<bool> StoreAsync(CustomPageRefetch refetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refetch);
        var flow = await db.UserFlows.FirstOrDefaultAsync(f => f.NormalizedName == refetch.NormalizedName, cancellationToken);
        if (flow is null || flow.CustomPageUri != refetch.Uri)
        {
            return false;
        }

        Apply(flow, refetch.Fetch, refetch.CheckedAt);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Fetches every template whose copy is older than the refresh interval, each stored as <see cref="StoreAsync"/> stores
    /// an admin's refresh (only while the flow still names that URI: a URI changed during the fetch keeps its own copy);
    /// returns how many were tried.
    /// </summary>
    public async Task<int> RefreshDueAsync(CancellationToken cancellationToken)
    {
        var due = time.UtcNow() - options.Value.RefreshInterval;
        // Few flows have a URI; DateTimeOffset comparisons are not translated on every provider, so filter here.
        var flows = (await db.UserFlows.AsNoTracking().Where(f => f.CustomPageUri != null)
                .Select(f => new { f.NormalizedName, f.CustomPageUri, f.CustomPageCheckedAt })
                .ToListAsync(cancellationToken))
            .Where(f => f.CustomPageCheckedAt is null || f.CustomPageCheckedAt <= due)
            .ToList();
        foreach (var flow in flows)
        {
            var checkedAt = time.UtcNow();
            var fetch = await fetcher.FetchAsync(flow.CustomPageUri!, cancellationToken);
            await StoreAsync(new CustomPageRefetch(flow.NormalizedName, flow.CustomPageUri!, checkedAt, fetch), cancellationToken);
        }

        return flows.Count;
    }

    private static void Apply(UserFlow flow, CustomPageFetch fetch, DateTimeOffset checkedAt)
    {
        flow.CustomPageCheckedAt = checkedAt;
        switch (fetch)
        {
            case CustomPageFetch.Fetched fetched:
                flow.CustomPageContent = fetched.Html;
                flow.CustomPageFetchedAt = checkedAt;
                CustomPageProblem.ClearFrom(flow);
                break;
            case CustomPageFetch.Failed failed:
                // The last good copy stays in use: a template server that is down must not take the sign-in page's look with it.
                // The reason is stored, not its text: housekeeping and every administrator's refresh read it in their own language.
                failed.Problem.ApplyTo(flow);
                break;
        }
    }
}

/// <summary>A template fetched again from <paramref name="Uri"/> for the flow <paramref name="NormalizedName"/>, not yet stored.</summary>
public sealed record CustomPageRefetch(string NormalizedName, string Uri, DateTimeOffset CheckedAt, CustomPageFetch Fetch);

/// <summary>What saving a flow does to its custom page content.</summary>
public abstract record CustomPageChange
{
    private CustomPageChange()
    {
    }

    /// <summary>Applies the change to <paramref name="flow"/> (nothing for <see cref="Unchanged"/>).</summary>
    public void ApplyTo(UserFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (this is Replace set)
        {
            flow.CustomPageContent = set.Content;
            flow.CustomPageUri = set.Uri;
            flow.CustomPageFetchedAt = set.FetchedAt;
            flow.CustomPageCheckedAt = set.FetchedAt;
            CustomPageProblem.ClearFrom(flow);
        }
    }

    /// <summary>The request did not mention the template.</summary>
    public sealed record Unchanged : CustomPageChange;

    /// <summary>The template becomes <paramref name="Content"/> (null: the default pages), from <paramref name="Uri"/> when fetched.</summary>
    public sealed record Replace(string? Content, string? Uri, DateTimeOffset? FetchedAt) : CustomPageChange;

    /// <summary>The template was refused.</summary>
    public sealed record Invalid(string Field, string Message) : CustomPageChange;
}
