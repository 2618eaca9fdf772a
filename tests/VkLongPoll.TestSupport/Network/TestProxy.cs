namespace VkLongPoll.TestSupport.Network;

/// <summary>
/// The proxy of the proxy tests: the in-process <see cref="ConnectProxy"/>, or Debian's tinyproxy when VKLP_PROXY=tinyproxy
/// (an extra run of .ci/run, against a proxy we did not write; without the program that run fails with one line).
/// </summary>
public static class TestProxy
{
    public const string Variable = "VKLP_PROXY";

    public static async Task<ITestProxy> StartAsync() => Environment.GetEnvironmentVariable(Variable) switch
    {
        null or "" or "embedded" => new ConnectProxy(),
        "tinyproxy" => await Tinyproxy.StartAsync().ConfigureAwait(false),
        var other => throw new InvalidOperationException($"{Variable}={other}: expected embedded or tinyproxy"),
    };
}
