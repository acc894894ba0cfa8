namespace IdP.Core.RunNow;

/// <summary>
/// Checks JSON from outside (a token's header or payload, a token endpoint's answer) before it is read as text.
/// <see cref="JsonDocument"/> accepts an escape such as <c>\ud800</c> (an unpaired surrogate), but reading that
/// string later throws <see cref="InvalidOperationException"/>; checking the whole tree once turns it into a value
/// the caller can report instead of an error page.
/// </summary>
public static class JsonText
{
    /// <summary>Whether every property name and string in <paramref name="element"/> can be read as text.</summary>
    public static bool IsReadable(JsonElement element)
    {
        try
        {
            Read(element);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // Recursion is bounded: JsonDocument refuses documents nested deeper than its MaxDepth (64 by default).
    private static void Read(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Read(item);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    Read(property.Value);
                }

                break;
        }
    }
}
