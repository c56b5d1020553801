namespace GovFunctions.Me;

/// <summary>Section <c>Digest</c>: the daily digest (每日待办), checked at start by <see cref="DigestOptionsRules"/>.</summary>
public sealed class DigestOptions
{
    /// <summary>Whether the digest is sent at all (off: no digest, every reminder sent on its own as before).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>When it goes, Beijing time, on each working day; the timer catches up until noon after a failed run.</summary>
    public TimeSpan SendAt { get; set; } = new(8, 30, 0);

    /// <summary>Whether someone who never set their preference receives it.</summary>
    public bool DefaultOn { get; set; } = true;
}

public sealed class DigestOptionsRules : OptionsRules<DigestOptions>
{
    public override string Section => "Digest";

    protected override void Check(DigestOptions o, SettingChecks check) =>
        // The timer runs every quarter hour from 08:00 to 11:45 Beijing (MeFunctions.DigestSchedule): a time outside never comes.
        check.Between(o.SendAt, new TimeSpan(8, 0, 0), new TimeSpan(11, 30, 0));
}
