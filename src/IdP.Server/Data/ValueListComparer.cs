using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace IdP.Server.Data;

/// <summary>
/// Compares a list stored in one column by its items: EF keeps a copy and sees an item added to or removed from the
/// list as a change to save (compared by reference, a list changed in place would never be saved).
/// </summary>
internal static class ValueListComparer
{
    public static ValueComparer<List<T>> For<T>() => new(
        (a, b) => a!.SequenceEqual(b!),
        v => v.Aggregate(0, (h, item) => HashCode.Combine(h, item)),
        v => v.ToList());
}
