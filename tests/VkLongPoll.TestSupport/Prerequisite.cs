namespace VkLongPoll.TestSupport;

/// <summary>
/// A program a test run was asked to use (VKLP_STORE=redis, VKLP_PROXY=tinyproxy): found, or the test fails with one line
/// naming it. Never a silent pass, never a skip: what is asked for is run or reported.
/// </summary>
public static class Prerequisite
{
    /// <summary>The first of <paramref name="places"/> that exists, else a failure naming the Debian package.</summary>
    public static string Program(string name, string debianPackage, string why, params string[] places) =>
        places.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} is not installed (apt-get install {debianPackage}); {why}");
}
