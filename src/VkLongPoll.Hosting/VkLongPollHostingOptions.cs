namespace VkLongPoll.Hosting;

/// <summary>What the host shares between accounts; bound from the <c>VkLongPoll</c> section.</summary>
public sealed class VkLongPollHostingOptions
{
    /// <summary>The name of the one <see cref="HttpClient"/> all accounts share (configure it with <c>services.AddHttpClient(name)</c>).</summary>
    public const string HttpClientName = "VkLongPoll";

    /// <summary>A PEM certificate to trust besides the system's roots: the emulator's (<c>vklp emulate</c> prints its path) when a worker is tried against it.</summary>
    public string? TrustedCertificatePath { get; set; }
}
