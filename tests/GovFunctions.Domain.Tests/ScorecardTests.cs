using FsCheck;
using FsCheck.Fluent;
using GovFunctions.Scorecards;

namespace GovFunctions.Domain.Tests;

/// <summary>Department scorecards (Art. 29, 31): weighted scores, shared ranks, the red and black lists, the minimums.</summary>
public class ScorecardTests
{
    private static readonly ScorecardSettings Settings = ScorecardSettings.Default;

    private static (string, string, IReadOnlyDictionary<Measure, Tally>) Dept(string id, params (Measure M, int Met, int Of)[] tallies) =>
        (id, id + "局", tallies.ToDictionary(t => t.M, t => new Tally(t.Met, t.Of)));

    [Fact]
    public void DefaultWeights_SumToAHundred_AndBadWeightsAreNamed()
    {
        Assert.Empty(Settings.Problems());
        var bad = Settings with { Weights = new Dictionary<Measure, int> { [Measure.HotlineSatisfaction] = 60 } };
        Assert.Contains(("Weights", "must sum to 100, not 60"), bad.Problems());
        var negative = Settings with
        {
            Weights = new Dictionary<Measure, int> { [Measure.HotlineSatisfaction] = 110, [Measure.HotlineReopened] = -10 },
        };
        Assert.Equal([("Weights.HotlineSatisfaction", "must be between 0 and 100, not 110"),
            ("Weights.HotlineReopened", "must be between 0 and 100, not -10")], negative.Problems()); // the sum is 100
        var minimum = Settings with { Minimums = new Dictionary<Measure, double> { [Measure.HotlineSatisfaction] = 185 }, ListSize = 0 };
        Assert.Equal([("Minimums.HotlineSatisfaction", "must be a percentage between 0 and 100, not 185"),
            ("ListSize", "must be between 1 and 8, not 0")], minimum.Problems());
    }

    [Fact]
    public void Score_IsTheWeightedMeanOfTheMeasuresThatApplied_ReopenedCountingAgainst()
    {
        // Replies on time 90% (weight 15), satisfaction 80% (weight 15), reopened 10% (weight 5, counts as 90).
        var score = ScorecardSet.ScoreOf(Dept("a", (Measure.HotlineRepliedOnTime, 9, 10), (Measure.HotlineSatisfaction, 8, 10),
            (Measure.HotlineReopened, 1, 10)).Item3, Settings);
        Assert.Equal(Math.Round((15 * 90 + 15 * 80 + 5 * 90) / 35.0, 1), score);
        Assert.Null(ScorecardSet.ScoreOf(Dept("b", (Measure.HotlineSatisfaction, 0, 0)).Item3, Settings)); // nothing applied
    }

    [Fact]
    public void EqualScores_ShareARank_AndTheListsTakeTheBestAndTheWorst()
    {
        var set = ScorecardSet.Compute([
            Dept("a", (Measure.SupervisionOnTime, 10, 10)),
            Dept("b", (Measure.SupervisionOnTime, 9, 10)),
            Dept("c", (Measure.SupervisionOnTime, 9, 10)),
            Dept("d", (Measure.SupervisionOnTime, 5, 10)),
            Dept("e"),
        ], Settings with { ListSize = 1 });

        Assert.Equal([("a", 1), ("b", 2), ("c", 2), ("d", 4), ("e", (int?)null)],
            set.Departments.Select(d => (d.DepartmentId, d.Rank)));
        Assert.Equal(["a"], set.RedList);
        Assert.Equal(["d"], set.BlackList);
    }

    [Fact]
    public void DepartmentsBelowAMinimum_AreNamedWithTheMeasure()
    {
        var set = ScorecardSet.Compute([
            Dept("a", (Measure.HotlineSatisfaction, 84, 100), (Measure.HotlineRepliedOnTime, 92, 100)),
            Dept("b", (Measure.HotlineSatisfaction, 85, 100), (Measure.HotlineRepliedOnTime, 91, 100)),
        ], Settings);
        Assert.Equal([new BelowMinimum("a", Measure.HotlineSatisfaction, 84, 85), new BelowMinimum("b", Measure.HotlineRepliedOnTime, 91, 92)],
            set.BelowMinimum);
    }

    private static readonly Gen<Tally> AnyTally =
        from of in Gen.Choose(0, 40)
        from met in Gen.Choose(0, of)
        select new Tally(met, of);

    private static readonly Gen<(string, string, IReadOnlyDictionary<Measure, Tally>)[]> AnyDepartments =
        from n in Gen.Choose(0, 17)
        from tallies in Gen.ArrayOf(Gen.ArrayOf(AnyTally, Enum.GetValues<Measure>().Length), n)
        select tallies.Select((t, i) => ($"d{i:D2}", $"部门{i}",
            (IReadOnlyDictionary<Measure, Tally>)Enum.GetValues<Measure>().Zip(t).ToDictionary(x => x.First, x => x.Second))).ToArray();

    [Fact]
    public void OverAnyTallies_RanksFollowScores_ListsAreDisjoint_AndScoresAreShares()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(AnyDepartments.ToArbitrary(), departments =>
        {
            var set = ScorecardSet.Compute(departments, Settings);
            var ranked = set.Departments.Where(d => d.Rank is not null).ToList();
            Assert.All(ranked, d => Assert.InRange(d.Score!.Value, 0, 100));
            Assert.All(ranked.Zip(ranked.Skip(1)), p => Assert.True(p.First.Score > p.Second.Score
                ? p.First.Rank < p.Second.Rank : p.First.Rank == p.Second.Rank));
            Assert.Empty(set.RedList.Intersect(set.BlackList));
            Assert.True(set.RedList.Count <= Settings.ListSize && set.RedList.Count == set.BlackList.Count);
            // Brute force: the minimum list is exactly the departments whose share of a measure with a minimum is below it.
            var expected = departments.SelectMany(d => Settings.Minimums
                .Where(m => d.Item3[m.Key].Of > 0 && Math.Round(100.0 * d.Item3[m.Key].Met / d.Item3[m.Key].Of, 1) < m.Value)
                .Select(m => (d.Item1, m.Key))).ToHashSet();
            Assert.Equal(expected, set.BelowMinimum.Select(b => (b.DepartmentId, b.Measure)).ToHashSet());
        }));
    }
}
