namespace GovFunctions.Me;

/// <summary>
/// Each person's preferences as a record of its own (<c>Preferences</c> table, one partition per person), changed through the
/// record store like every record, so who turned what off is in its history.
/// </summary>
public sealed partial class PreferenceStore(StorageClients storage, Outbox outbox, IOptions<DigestOptions> options,
    ILogger<PreferenceStore> log)
{
    public const string Table = "Preferences";

    private readonly RecordStore<Preferences> _store = new(storage, outbox, Table);

    private static RecordKey KeyOf(string personId) => RecordKey.Own(personId);

    public async Task<Preferences> GetAsync(string personId, CancellationToken ct = default) =>
        (await _store.FindAsync(KeyOf(personId), ct))?.Value ?? Preferences.Default(personId, options.Value.DefaultOn);

    /// <summary>Sets what the person asked (the domain's rules first); a first setting creates the record.</summary>
    public async Task<Preferences> SetAsync(Person person, OrgChart org, bool? digest, bool? escalations, CancellationToken ct = default)
    {
        var actor = new Actor(person.Id, person.Name);
        if (await _store.FindAsync(KeyOf(person.Id), ct) is null)
            try
            {
                var first = Preferences.Default(person.Id, options.Value.DefaultOn).Set(person, org, digest, escalations);
                return (await _store.CreateAsync(KeyOf(person.Id), first, actor, ct: ct)).Value;
            }
            catch (StateConflictException)
            {
                LogCreatedMeanwhile(person.Id); // created a moment ago by the person's other request: change that one
            }
        return (await _store.ApplyAsync(KeyOf(person.Id), actor, s => s.Value.Set(person, org, digest, escalations), ct: ct)).Record.Value;
    }

    [LoggerMessage(1503, LogLevel.Information, "Preferences of {PersonId} were created by another request; changing those")]
    private partial void LogCreatedMeanwhile(string personId);
}
