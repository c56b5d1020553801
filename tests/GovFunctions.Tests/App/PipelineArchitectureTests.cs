using System.Text.RegularExpressions;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.App;

/// <summary>
/// One way to change a record (issue 9): outside the record store itself, no code of the app commits a record with the
/// storage primitives (<c>UpdateAsync</c>, a create from a hand-made <c>HistoryEntry</c>), writes its own retry loop around a
/// conflict, or handles an approval's end outside <see cref="Approvals.IApprovalSubject"/>.
/// </summary>
public class PipelineArchitectureTests
{
    private static readonly string Source = Path.Combine(TestEnvironment.RepositoryRoot, "src", "GovFunctions");

    private static IEnumerable<(string File, string Code)> AppFiles() =>
        Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                && !f.Contains(Path.Combine("Platform", "Storage")))
            .Select(f => (Path.GetRelativePath(Source, f), File.ReadAllText(f)));

    public static TheoryData<string> Forbidden => new(
        @"\.UpdateAsync\(",                                // the one-commit primitive
        @"\.ChangeAsync\(",                                // the old tuple-returning change
        @"CreateAsync\([^;]*new HistoryEntry\(",           // a create with a hand-made history row
        @"[a-z}]\.approval-completed",                     // a feature's own completion message type
        @"catch \(StateConflictException\)\s*\{\s*\}");    // a swallowed conflict

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void NoFeature_ChangesARecordOutsideThePipeline(string pattern)
    {
        var offenders = AppFiles().Where(f => Regex.IsMatch(f.Code, pattern)).Select(f => f.File).ToList();
        Assert.True(offenders.Count == 0, $"{pattern} in {string.Join(", ", offenders)}");
    }

    [Fact]
    public void TheScan_ReadsTheAppsFiles_AndWouldSeeAnOffence()
    {
        var files = AppFiles().ToList();
        Assert.True(files.Count > 80, $"only {files.Count} files scanned");
        Assert.Matches(@"\.UpdateAsync\(", "await Store.UpdateAsync(stored, next, history);");
        Assert.Matches(@"catch \(StateConflictException\)\s*\{\s*\}", "catch (StateConflictException) { }");
    }
}
