using Azure.Data.Tables;
using GovFunctions.Platform.Storage;

namespace GovFunctions.Tests.Platform;

/// <summary>JSON as the app stores it: unescaped, cut into properties and rows Table Storage can hold.</summary>
public class StoredJsonTests
{
    public sealed record Note(string Text);

    [Fact]
    public void Serialize_WritesCjkAndAstralCharactersAsThemselves_AndEscapesOnlyWhatJsonRequires()
    {
        var json = StoredJson.Serialize(new Note("青𠀀\"\\\n<"));
        Assert.Equal("{\"text\":\"青𠀀\\\"\\\\\\n<\"}", json);
        Assert.Equal(new Note("青𠀀\"\\\n<"), StoredJson.Deserialize<Note>(json));
    }

    [Fact]
    public void Pack_CutsIntoPropertiesOfAtMost32000Characters_NeverInsideASurrogatePair()
    {
        var json = "a" + string.Concat(Enumerable.Repeat("𠀀", 40_000)); // the pair straddles every 32,000th position
        var rows = StoredJson.Pack(json, StoredJson.MaxRows);

        var parts = rows.SelectMany(r => r).ToList();
        Assert.True(parts.Count > 2);
        Assert.All(parts, p => Assert.True(p.Length <= StoredJson.PropertyChars));
        Assert.All(parts, p => Assert.False(char.IsHighSurrogate(p[^1]) || char.IsLowSurrogate(p[0])));
        Assert.Equal(json, string.Concat(parts));
        Assert.All(rows, r => Assert.True(r.Sum(StoredJson.WireBytes) <= StoredJson.RowBytes));
    }

    [Fact]
    public void PutAndGet_RoundTripAValueSpreadOverSeveralProperties()
    {
        var note = new Note(string.Concat(Enumerable.Repeat("政𠀀", 20_000)));
        var row = new TableEntity("p", "r");
        StoredJson.Put(row, "Json", note);

        Assert.True(row.ContainsKey("Json1"));
        Assert.Equal(note, StoredJson.Get<Note>(row, "Json"));
    }

    [Fact]
    public void Pack_RefusesMoreRowsThanAllowed_InsteadOfFailingInStorage()
    {
        var json = string.Concat(Enumerable.Repeat("政", 200_000)); // 1.2 MB as the client sends it
        Assert.Equal(2, StoredJson.Pack(json, 2).Count);
        Assert.Throws<InvalidOperationException>(() => StoredJson.Pack(json, 1));
    }
}
