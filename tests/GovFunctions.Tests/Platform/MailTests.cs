using GovFunctions.Platform.Mail;
using GovFunctions.Tests.Support;
using MailKit.Net.Smtp;

namespace GovFunctions.Tests.Platform;

/// <summary>The one mail sender, through a real SMTP inbox (MailDev), read back through its REST API.</summary>
public class MailTests
{
    [Fact]
    public async Task Send_DeliversChineseSubjectHtmlAndTextParts_ThroughSmtp()
    {
        await using var app = TestApp.Create();
        var token = Guid.NewGuid().ToString("N")[..8];
        var to = $"lin.jianguo+{token}@qinghe.example.org";
        var mail = new OutgoingMail([new MailAddress(to, "林建国")], $"请假审批：区教育局 吴建平 {token}",
            MailLayout.Html("青禾区人民政府", "请假审批", "<p>外出地点：<b>北京市</b></p>"),
            MailLayout.Text("青禾区人民政府", "请假审批", "外出地点：北京市"))
        {
            Cc = [new MailAddress("office@qinghe.example.org", "区政府办公室")],
            Attachments = [new MailAttachment("周报.csv", "text/csv", "\uFEFF部门,数量\n区教育局,3\n"u8.ToArray())],
            Reference = "leave/" + token,
        };

        await app.Get<IMailSender>().SendAsync(mail, TestContext.Current.CancellationToken);

        var received = Assert.Single(await MailDevInbox.WaitForAsync(e => e.IsTo(to)));
        Assert.Equal($"请假审批：区教育局 吴建平 {token}", received.Subject);
        Assert.Contains("北京市", received.Html);
        Assert.Contains("<b>北京市</b>", received.Html);
        Assert.Contains("外出地点：北京市", received.Text);
        Assert.Contains(received.Cc!, a => a.Address == "office@qinghe.example.org");
        Assert.Contains(received.Attachments!, a => a.FileName == "周报.csv");
        Assert.Equal("leave/" + token, received.Headers!["x-govfunctions-reference"].GetString());
    }

    [Fact]
    public async Task Send_ToAClosedPort_RetriesThenFails()
    {
        await using var app = TestApp.Create(s => { s["Mail:Port"] = "1"; s["Mail:Retries"] = "2"; });
        var mail = new OutgoingMail([new MailAddress("x@qinghe.example.org")], "测试", "<p>测试</p>", "测试");
        var e = await Assert.ThrowsAnyAsync<Exception>(() => app.Get<IMailSender>().SendAsync(mail));
        Assert.True(SmtpMailSender.IsTransient(e), e.GetType().Name);
    }

    [Theory]
    [InlineData(421, true)]  // service not available: later
    [InlineData(451, true)]  // local error: later
    [InlineData(550, false)] // mailbox unavailable: never
    [InlineData(554, false)]
    public void IsTransient_Retries4xxButNot5xx(int status, bool transient)
    {
        var e = new SmtpCommandException(SmtpErrorCode.UnexpectedStatusCode, (SmtpStatusCode)status, "x");
        Assert.Equal(transient, SmtpMailSender.IsTransient(e));
    }
}
