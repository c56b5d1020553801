namespace GovFunctions.Me;

/// <summary>
/// A person's own settings: whether they receive the daily digest (每日待办), and whether escalations addressed to them are sent
/// at once (true) or folded into their digest (false). Stored as a record of its own, so every change is in its history.
/// </summary>
public sealed record Preferences(string PersonId, bool Digest, bool Escalations) : IStateful
{
    public const string DigestField = "digest";
    public const string EscalationsField = "escalations";

    /// <summary>The article the office director's escalations rest on: the office's follow-up of the government's work.</summary>
    public const string Art30 = "第三十条 (Art. 30)";

    public string StateName => Digest ? "digestOn" : "digestOff";

    /// <summary>Someone who never set anything: the district's default for the digest, escalations sent at once.</summary>
    public static Preferences Default(string personId, bool digestOn) => new(personId, digestOn, true);

    /// <summary>
    /// The change a person asks for (null: leave it as it is; nothing asked: 400 naming <c>digest</c>). The office director, who
    /// follows up overdue tasks and items for the district government (第三十条), cannot have escalations folded away: 422.
    /// </summary>
    public Transition<Preferences> Set(Person person, OrgChart org, bool? digest, bool? escalations)
    {
        if (digest is null && escalations is null)
            throw ValidationException.For(DigestField, "请设置 digest（每日待办）或 escalations（升级提醒）", "set digest or escalations");
        if (escalations == false && person.Id == org.OfficeDirector.Id)
            throw new RuleViolationException(Art30, "officeDirectorEscalations", Bilingual.Text(
                "区政府办公室主任负责督促检查，不能关闭超时升级提醒（第三十条）",
                "the office director follows up overdue work and cannot turn escalations off (Art. 30)"));
        var next = this with { Digest = digest ?? Digest, Escalations = escalations ?? Escalations };
        return Transition<Preferences>.To(next,
            $"{(next.Digest ? "接收" : "不接收")}每日待办；升级提醒{(next.Escalations ? "即时发送" : "并入每日待办")}");
    }
}
