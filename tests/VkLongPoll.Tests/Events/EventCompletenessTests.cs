using System.Reflection;
using System.Text;
using System.Text.Json;
using VkLongPoll.Events;
using VkLongPoll.Tests.Protocol;

namespace VkLongPoll.Tests.Events;

/// <summary>
/// A new event type cannot land half done: every <see cref="LongPollEvent"/> subtype must have a case in the decoder's
/// catalogue, write each of its fields to the event JSON, and have an entry in docs/events.md.
/// </summary>
public sealed class EventCompletenessTests
{
    /// <summary>Properties whose JSON name is not their snake_case name, and why.</summary>
    private static readonly Dictionary<string, string> JsonNames = new(StringComparer.Ordinal)
    {
        ["Message"] = "message_id",             // the message's fields are written flat
        ["ConversationMessageId"] = "conversation_message_id",
        ["InfoType"] = "info_type",
        ["Activity"] = "type",                  // the activity is the event's type (typing, recording_voice…)
        ["IsTimeout"] = "timeout",
        ["IsInvisible"] = "invisible",
        ["DataJson"] = "data",
        ["ActionJson"] = "action",
        ["ActionType"] = "action",
        ["Platform"] = "platform",
        ["MoreIds"] = "more_ids",
        ["IsSelf"] = "self",
        ["UpToId"] = "message_id",              // read/deleted/restored up to: message_id before version 19, conversation_message_id in 19
        ["Mask"] = "flags",                     // flag events: the mask set or cleared
        ["TotalCount"] = "count",
        ["UnreadCount"] = "count",
        ["Added"] = "type",                     // folder_peers_added / folder_peers_removed
        ["IsPolled"] = "polled",
    };

    // Community events have no User Long Poll code nor a place in this catalogue: CommunityEventCatalogueTests covers them.
    public static TheoryData<string> EventTypes() => new(typeof(LongPollEvent).Assembly.GetExportedTypes()
        .Where(t => t.IsSubclassOf(typeof(LongPollEvent)) && !t.IsAbstract && !t.IsSubclassOf(typeof(VkLongPoll.Community.CommunityEvent)))
        .Select(t => t.Name)
        .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void EveryEventType_IsInTheCatalogue_WritesItsFields_AndIsDocumented(string typeName)
    {
        var type = typeof(LongPollEvent).Assembly.GetExportedTypes().Single(t => t.Name == typeName);
        var samples = EventCatalogTests.Catalogue
            .Select(row => (Version: (int)row[0], Update: (string)row[1]))
            .Select(row => (row.Version, Event: TestData.Event(row.Update, row.Version)))
            .Where(sample => sample.Event.GetType() == type)
            .ToList();
        Assert.True(samples.Count > 0, $"{typeName} has no case in EventCatalogTests.Catalogue");

        // The JSON: the event's own type, and a field for every property the sample has a value for.
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (version, e) in samples)
        {
            using var json = JsonDocument.Parse(Write(e, version));
            Assert.Equal(e.Type, json.RootElement.GetProperty("type").GetString());
            written.UnionWith(json.RootElement.EnumerateObject().Select(p => p.Name));
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.DeclaringType != typeof(LongPollEvent)))
        {
            if (samples.All(s => IsEmpty(property.GetValue(s.Event))))
            {
                continue; // no sample carries it: nothing to check it by
            }

            var name = JsonNames.GetValueOrDefault(property.Name) ?? SnakeCase(property.Name);
            Assert.True(written.Contains(name) || (name == "message_id" && written.Contains("conversation_message_id")), $"{typeName}.{property.Name} is not in its JSON (expected \"{name}\"; written: {string.Join(", ", written)})");
        }

        // The documentation: a row of docs/events.md's table names the type.
        foreach (var (_, e) in samples)
        {
            Assert.True(Documented(e.Type), $"docs/events.md has no entry for `{e.Type}` ({typeName})");
        }
    }

    private static string Write(LongPollEvent e, int version)
    {
        using var buffer = new MemoryStream();
        using (var writer = new EventJsonWriter(buffer, version))
        {
            writer.Write(e);
            writer.Flush();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        System.Collections.ICollection c => c.Count == 0,
        System.Collections.IEnumerable e => !e.GetEnumerator().MoveNext(), // the events' read-only lists
        bool b => !b,
        _ => false,
    };

    private static string SnakeCase(string name)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }

    private static bool Documented(string type)
    {
        var table = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "events.md"));
        // A row starts with the type in backticks; a row may name several (`conversation_flags_reset` / `_replaced`).
        return table.Split('\n').Any(line => line.StartsWith('|') && (line.Contains($"`{type}`", StringComparison.Ordinal)
            || line.Split('|')[1].Contains($"`_{type[(type.LastIndexOf('_') + 1)..]}`", StringComparison.Ordinal) && line.Contains($"`{type[..type.LastIndexOf('_')]}_", StringComparison.Ordinal)));
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
