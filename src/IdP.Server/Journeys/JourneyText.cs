namespace IdP.Server.Journeys;

/// <summary>Marker for the journey pages' own string resources (JourneyText.resx).</summary>
public sealed class JourneyText;
