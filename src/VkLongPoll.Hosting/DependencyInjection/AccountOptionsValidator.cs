using Microsoft.Extensions.Options;

namespace VkLongPoll.Hosting;

/// <summary>Checks each account's session options at start, naming the account and never the token.</summary>
internal sealed class AccountOptionsValidator(AccountNames accounts) : IValidateOptions<LongPollClientOptions>, IValidateOptions<VkLongPollAccountOptions>
{
    public ValidateOptionsResult Validate(string? name, LongPollClientOptions options)
    {
        if (name is null || !accounts.Paths.TryGetValue(name, out var path))
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

    private static string FirstLine(string message) => message.Split('\n', 2)[0].TrimEnd('\r');
}
