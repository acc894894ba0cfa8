namespace IdP.Core.Administration;

/// <summary>One page of a longer list: <see cref="Items"/> of page <see cref="Page"/> (from 1), and how many there are in all.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>The paging every administrative list accepts: pages from 1, 1 to <see cref="MaxPageSize"/> items each.</summary>
public static class Paging
{
    /// <summary>Items per page when the caller names none.</summary>
    public const int DefaultPageSize = 50;
    /// <summary>Most items per page a caller may ask for.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Problems with the requested page; empty when it can be served.</summary>
    public static IReadOnlyList<FieldError> Check(int page, int pageSize)
    {
        var errors = new List<FieldError>();
        if (page < 1)
        {
            errors.Add(new("page", AdminText.PageNumber));
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add(new("pageSize", AdminText.PageSize(MaxPageSize)));
        }

        return errors;
    }

    /// <summary>How many items to skip for <paramref name="page"/>, without overflowing on absurd page numbers.</summary>
    public static int Skip(int page, int pageSize) => (int)Math.Min(int.MaxValue, ((long)page - 1) * pageSize);
}
