namespace VkLongPoll;

/// <summary>Who a VK ID access token belongs to (<see cref="VkIdClient.GetUserAsync"/>).</summary>
/// <param name="UserId">The VK user id.</param>
/// <param name="FirstName">The first name, when VK ID gave it.</param>
/// <param name="LastName">The last name, when VK ID gave it.</param>
public sealed record VkIdUser(long UserId, string? FirstName, string? LastName)
{
    /// <summary>"First Last", or null when VK ID gave no name.</summary>
    public string? Name => string.Join(' ', new[] { FirstName, LastName }.Where(part => !string.IsNullOrWhiteSpace(part))) is { Length: > 0 } name ? name : null;
}
