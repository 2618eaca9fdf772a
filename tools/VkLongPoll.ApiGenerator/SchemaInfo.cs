namespace VkLongPoll.ApiGenerator;

/// <summary>What the generator reads and what it covers.</summary>
public static class SchemaInfo
{
    /// <summary>The commit of VKCOM/vk-api-schema vendored in schema/vk-api-schema (its README names it too).</summary>
    public const string Commit = "0efe478fc1011bc167fd389dd1dc36efc883de02";

    /// <summary>The API version that schema describes.</summary>
    public const string ApiVersion = "5.199";

    /// <summary>Where the schema lies, relative to the repository root.</summary>
    public const string SchemaFolder = "schema/vk-api-schema";

    /// <summary>
    /// The sections whose methods are generated (each with the objects and responses its methods reach, from any section).
    /// <c>execute</c> is one method of the client itself.
    /// </summary>
    public static IReadOnlyList<string> Sections { get; } =
        ["docs", "execute", "friends", "groups", "messages", "photos", "users", "utils"];
}
