namespace GovFunctions.Reports;

/// <summary>The answer of <c>POST /api/reports/{kind}/resend</c>: the period and how many reports went out again.</summary>
public sealed record ResendView(string Period, int Sent);
