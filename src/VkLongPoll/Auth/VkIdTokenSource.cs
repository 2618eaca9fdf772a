namespace VkLongPoll;

/// <summary>Tokens from a VK ID login, renewed with the refresh token before they expire and whenever VK says one has.</summary>
/// <remarks>
/// Each renewal gives a new refresh token and the old one stops working: the source takes the new pair at once, then the
/// <c>onRenewed</c> callback keeps it (vklp writes its 0600 login file) before the new access token is used; a callback
/// that throws does not lose the pair in this process. Thread-safe: one renewal at a time, and a
/// token that another caller already renewed is not renewed twice.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The semaphore's wait handle is never asked for: it needs no disposal.")]
public sealed class VkIdTokenSource : IAccessTokenSource
{
    /// <summary>A token is renewed this long before it expires, so a call does not meet the expiry.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _renewing = new(1, 1);
    private readonly VkIdClient _client;
    private readonly Func<VkIdTokens, CancellationToken, ValueTask>? _onRenewed;
    private readonly TimeProvider _time;
    private VkIdTokens _tokens;

    /// <summary>Tokens from <paramref name="tokens"/>, renewed through <paramref name="client"/>.</summary>
    /// <param name="tokens">The login's tokens.</param>
    /// <param name="client">The VK ID client of the app that issued them.</param>
    /// <param name="onRenewed">Called with every new pair, before it is used.</param>
    /// <param name="timeProvider">The clock that decides when a token is about to expire.</param>
    public VkIdTokenSource(VkIdTokens tokens, VkIdClient client, Func<VkIdTokens, CancellationToken, ValueTask>? onRenewed = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(client);
        _tokens = tokens;
        _client = client;
        _onRenewed = onRenewed;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The current tokens.</summary>
    public VkIdTokens Tokens => Volatile.Read(ref _tokens);

    /// <summary>How many times the tokens were renewed.</summary>
    public int Renewals { get; private set; }

    /// <inheritdoc/>
    public string AccountKey => "user" + Tokens.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var current = Tokens;
        var now = _time.GetUtcNow();
        if (now < current.ExpiresAt - Margin)
        {
            return current.AccessToken;
        }

        try
        {
            return await RenewAsync(current.AccessToken, cancellationToken).ConfigureAwait(false) ?? current.AccessToken;
        }
        catch (VkIdException) when (now < current.ExpiresAt)
        {
            // Renewing early failed in a way that passes (VK ID's bad minute): the token still works; the next call tries again.
            return current.AccessToken;
        }
    }

    /// <inheritdoc/>
    /// <exception cref="VkAuthorizationException">VK ID refused the refresh token: the user must sign in again.</exception>
    /// <exception cref="VkIdException">The VK ID call failed in a way that passes (<see cref="VkIdException.RequiresSignIn"/> false): try again later.</exception>
    public async ValueTask<string?> RenewAsync(string rejectedToken, CancellationToken cancellationToken)
    {
        await _renewing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = Tokens;
            if (current.AccessToken != rejectedToken)
            {
                return current.AccessToken; // renewed meanwhile by another caller
            }

            VkIdTokens renewed;
            try
            {
                renewed = await _client.RefreshAsync(current, cancellationToken).ConfigureAwait(false);
            }
            catch (VkIdException e) when (e.RequiresSignIn)
            {
                throw new VkAuthorizationException(5, $"the access token expired and VK ID would not renew it ({e.Error}{(e.Description is null ? string.Empty : ": " + e.Description)}); sign in again");
            }

            // Any other VkIdException is a call that failed (5xx, an HTML page, a timeout, server_error): it propagates as it is,
            // and the session retries it with its status saying so; the refresh token is not spent.

            // The user id does not come back with every renewal; it is the same login.
            renewed = renewed with { UserId = renewed.UserId == 0 ? current.UserId : renewed.UserId };

            // Memory first: the old refresh token is spent now, so the new pair must survive a callback that fails to keep it.
            Volatile.Write(ref _tokens, renewed);
            Renewals++;
            if (_onRenewed is not null)
            {
                await _onRenewed(renewed, CancellationToken.None).ConfigureAwait(false);
            }

            return renewed.AccessToken;
        }
        finally
        {
            _renewing.Release();
        }
    }
}
