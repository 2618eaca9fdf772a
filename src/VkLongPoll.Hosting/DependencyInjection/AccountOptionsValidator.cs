using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace VkLongPoll.Hosting;

/// <summary>Checks each account's session options at start, naming the account and never the token; a disabled account is not checked.</summary>
internal sealed class AccountOptionsValidator(AccountNames accounts, IServiceProvider services) : IValidateOptions<LongPollClientOptions>, IValidateOptions<VkLongPollAccountOptions>
{
    public ValidateOptionsResult Validate(string? name, LongPollClientOptions options)
    {
        if (name is null || !accounts.Paths.TryGetValue(name, out var path))
        {
            return ValidateOptionsResult.Skip;
        }

        if (!IsEnabled(name))
        {
            return ValidateOptionsResult.Skip;
        }

        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            // ArgumentException appends " (Parameter 'X')"; the property name is said in the sentence already.
            var message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal);
            return ValidateOptionsResult.Fail($"{path}: {FirstLine(message)}");
        }
    }

    public ValidateOptionsResult Validate(string? name, VkLongPollAccountOptions options)
    {
        if (name is null || !accounts.Paths.TryGetValue(name, out var path))
        {
            return ValidateOptionsResult.Skip;
        }

        return options.DegradedAfter <= TimeSpan.Zero
            ? ValidateOptionsResult.Fail($"{path}: DegradedAfter must be positive")
            : ValidateOptionsResult.Success;
    }

    /// <summary>Whether the account runs; resolved here, not injected, as this class validates those options too.</summary>
    private bool IsEnabled(string name)
    {
        try
        {
            return services.GetRequiredService<IOptionsMonitor<VkLongPollAccountOptions>>().Get(name).Enabled;
        }
        catch (OptionsValidationException)
        {
            // Its own validation reports the problem once; these options are checked as if it ran.
            return true;
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].TrimEnd('\r');
}
