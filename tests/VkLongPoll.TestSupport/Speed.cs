namespace VkLongPoll.TestSupport;

/// <summary>
/// The trait that splits the suite for the inner loop: <c>dotnet test --filter "Speed!=slow"</c> runs all but the tests
/// marked slow (the built tool as a process, clusters of silos, soaks). <c>dotnet test</c> runs everything.
/// </summary>
public static class Speed
{
    public const string Name = "Speed";

    public const string Slow = "slow";
}
