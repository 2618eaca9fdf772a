using System.Text;
using VkLongPoll.Community;
using VkLongPoll.Events;

namespace VkLongPoll.Tests.Community;

/// <summary>
/// A new community event type cannot land half done: every concrete <see cref="CommunityEvent"/> has a wire sample in
/// <see cref="CommunityEventSamples"/> that decodes to it, and a row of docs/events.md's community table.
/// </summary>
public sealed class CommunityEventCompletenessTests
{
    public static TheoryData<string> CommunityEventTypes() => new(typeof(LongPollEvent).Assembly.GetExportedTypes()
        .Where(t => t.IsSubclassOf(typeof(CommunityEvent)) && !t.IsAbstract && t != typeof(UnknownCommunityEvent))
        .Select(t => t.Name)
        .Order(StringComparer.Ordinal));

    private static readonly Dictionary<Type, string> Decoded = Samples()
        .Select(sample => CommunityEventReader.Read(Encoding.UTF8.GetBytes(sample)))
        .GroupBy(e => e.GetType())
        .ToDictionary(group => group.Key, group => group.First().Type);

    private static IEnumerable<string> Samples() =>
        CommunityEventSamples.Objects.Select(sample => CommunityEventSamples.Envelope(sample.Key, sample.Value)).Append(CommunityEventSamples.Confirmation);

    [Theory]
    [MemberData(nameof(CommunityEventTypes))]
    public void EveryCommunityEventType_HasASample_AndIsDocumented(string typeName)
    {
        var type = typeof(LongPollEvent).Assembly.GetExportedTypes().Single(t => t.Name == typeName);

        Assert.True(Decoded.TryGetValue(type, out var vkName), $"{typeName} has no sample in CommunityEventSamples that decodes to it");
        Assert.Equal("Community" + PascalCase(vkName), typeName);
        var section = CommunitySection();
        Assert.True(section.Split('\n').Any(line => line.StartsWith('|') && line.Contains($"`{vkName}`", StringComparison.Ordinal) && line.Contains($"`{typeName}`", StringComparison.Ordinal)),
            $"docs/events.md's community section has no row naming `{vkName}` and `{typeName}`");
    }

    [Fact]
    public void EverySample_DecodesToATypedRecord()
    {
        Assert.DoesNotContain(typeof(UnknownCommunityEvent), Decoded.Keys);
        // 55 types of SevereCloud/vksdk's events.go, message_reaction_event, and the Callback API's confirmation.
        Assert.Equal(57, Decoded.Count);
    }

    private static string PascalCase(string vkName) =>
        string.Concat(vkName.Split('_').Select(word => char.ToUpperInvariant(word[0]) + word[1..]));

    private static string CommunitySection()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "events.md"));
        var start = docs.IndexOf("## Community events (Bots Long Poll and Callback API)", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/events.md has no community section");
        var end = docs.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        return end < 0 ? docs[start..] : docs[start..end];
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "VkLongPoll.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (VkLongPoll.slnx) is not above the test's folder");
    }
}
