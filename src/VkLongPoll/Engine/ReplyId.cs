using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace VkLongPoll.Engine;

/// <summary>
/// The <c>random_id</c> of a reply, derived rather than drawn: the same account, triggering event and reply key give the same
/// number on every delivery of the event, every retry of the call and after any restart — and VK keeps one message for one
/// <c>random_id</c> of a sender ("unique per API_ID and sender, checked over the whole message history": docs/api.md).
/// </summary>
/// <remarks>
/// <c>random_id</c> is a 32-bit integer: 31 bits of SHA-256 of the three parts, never 0 (0 asks VK for no check). Two
/// different replies of one sender share a number with odds about n²/2³² among n replies — the same odds a drawn
/// <c>random_id</c> has (vk-io, vk_api); docs/api.md states them.
/// </remarks>
public static class ReplyId
{
    /// <summary>The <c>random_id</c> for reply <paramref name="key"/> of <paramref name="account"/> to the event <paramref name="eventIdentity"/>.</summary>
    /// <param name="account">The sending account's name.</param>
    /// <param name="eventIdentity">What the reply answers, the same on every delivery (a message's place, VK's <c>event_id</c>).</param>
    /// <param name="key">Which of its replies: its index, or a name the handler gives.</param>
    public static int Derive(string account, string eventIdentity, string key)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(eventIdentity);
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{account.Length}:{account}|{eventIdentity.Length}:{eventIdentity}|{key}"), digest);
        var value = (int)(BinaryPrimitives.ReadUInt32LittleEndian(digest) & 0x7FFF_FFFF);
        return value == 0 ? 1 : value;
    }
}
