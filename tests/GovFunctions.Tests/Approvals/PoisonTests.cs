using GovFunctions.Approvals;
using GovFunctions.Platform.Storage;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Approvals;

/// <summary>A message that keeps failing lands in the -poison queue, and the operations address hears of it.</summary>
public class PoisonTests : AppTest
{
    private const string Ops = "ops@qinghe.example.org";

    [Fact]
    public async Task APoisonedRoutingMessage_EmailsOperations_Once()
    {
        var body = QueueEnvelope.Create(ApprovalEngine.DecidedType, "ap-missing", App.Clock).Serialize();
        var functions = Function<ApprovalRoutingFunctions>();

        // What the host does before it gives up: the handler fails on every attempt.
        await Assert.ThrowsAsync<InvalidDataException>(() => functions.ApprovalRouter(body, CancellationToken.None));

        await functions.ApprovalRoutingPoison(body, CancellationToken.None);
        await functions.ApprovalRoutingPoison(body, CancellationToken.None); // the poison trigger delivered twice

        var alert = Assert.Single(Mail.To(Ops));
        Assert.Contains("approval.decided", alert.Subject);
        Assert.Contains("ap-missing", alert.Text);
        Assert.Contains("approval-routing-poison", alert.Text);
    }

    [Fact]
    public async Task APoisonedMessageThatIsNotEvenJson_StillReachesOperations()
    {
        await Function<ApprovalRoutingFunctions>().NotificationsPoison("not json at all", CancellationToken.None);
        Assert.Contains("not json at all", Assert.Single(Mail.To(Ops)).Text);
    }
}
