namespace GovFunctions.Health;

/// <summary>The answer of <c>GET /api/health</c> when storage answers.</summary>
public sealed record HealthView(string Status, string Storage)
{
    public static readonly HealthView Healthy = new("healthy", "reachable");
}
