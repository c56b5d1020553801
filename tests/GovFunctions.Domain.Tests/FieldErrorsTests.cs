using GovFunctions.Common;

namespace GovFunctions.Domain.Tests;

public class FieldErrorsTests
{
    [Theory]
    [InlineData("𠀀", 10, false)]
    [InlineData("𠀀", 11, true)]
    [InlineData("政", 10, false)]
    [InlineData("政", 11, true)]
    public void MaxLength_CountsCharactersAsAReaderDoes_ACharacterBeyondTheBmpIsOne(string character, int count, bool refused)
    {
        var errors = new FieldErrors().MaxLength("summary", string.Concat(Enumerable.Repeat(character, count)), 10, "概要");
        Assert.Equal(refused, errors.Has("summary"));
    }

    [Fact]
    public void CharacterCount_CountsASurrogatePairOnce()
    {
        Assert.Equal(3, FieldErrors.CharacterCount("a𠀀政"));
    }
}
