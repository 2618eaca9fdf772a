using VkLongPoll.Cli.Hosting;

namespace VkLongPoll.Cli.Tests;

/// <summary>What ends a command, as the one line and the exit code a person sees.</summary>
public sealed class FailureReportTests
{
    [Fact]
    public void Describe_EachKnownFailure_HasItsExitCode()
    {
        Assert.Equal(ExitCodes.Token, FailureReport.Describe(new VkAuthorizationException("User authorization failed")).ExitCode);
        Assert.Equal(ExitCodes.Token, FailureReport.Describe(new VkApiException(15, "Access denied: no access to call this method")).ExitCode);
        Assert.Equal(ExitCodes.VkRefused, FailureReport.Describe(new VkCaptchaException("Captcha needed", new VkCaptcha("1", null, null))).ExitCode);
        Assert.Equal(ExitCodes.VkRefused, FailureReport.Describe(new LongPollVersionException(20, 30)).ExitCode);
        Assert.Equal(ExitCodes.Checkpoints, FailureReport.Describe(new CheckpointStoreException("/x.db", "is locked by another program")).ExitCode);
        Assert.Equal(ExitCodes.Usage, FailureReport.Describe(CliFailure.Usage("bad")).ExitCode);
    }

    [Fact]
    public void Write_UnexpectedError_IsOneLine_AndTheStackOnlyWithVklpDebug()
    {
        Exception bug;
        try
        {
            throw new InvalidOperationException("something vklp did not foresee");
        }
        catch (InvalidOperationException e)
        {
            bug = e;
        }

        var plain = new StringWriter();
        var code = FailureReport.Write(plain, "vklp watch", bug);

        Assert.Equal(ExitCodes.Internal, code);
        Assert.Equal("vklp watch: unexpected error (InvalidOperationException: something vklp did not foresee); run with VKLP_DEBUG=1 for details" + Environment.NewLine, plain.ToString());

        Environment.SetEnvironmentVariable("VKLP_DEBUG", "1");
        try
        {
            var detailed = new StringWriter();
            FailureReport.Write(detailed, "vklp watch", bug);
            Assert.Contains("   at ", detailed.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("VKLP_DEBUG", null);
        }
    }

    [Fact]
    public void Write_TextFromTheNetwork_IsMadeInert()
    {
        var output = new StringWriter();

        FailureReport.Write(output, "vklp watch", new VkApiException(100, "bad \u001b[31mred\u001b[0m\nsecond line"));

        Assert.DoesNotContain('\u001b', output.ToString());
        Assert.Single(output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
