using VkLongPoll.Cli.Hosting;

namespace VkLongPoll.Cli.Login;

/// <summary>
/// The tokens of a stored VK ID login, shared safely by every vklp process that uses the login: a renewal holds an exclusive
/// lock on <c>login.json.lock</c>, reads the login again under it, and takes the pair another process renewed meanwhile
/// instead of spending a refresh token that is already spent (VK ID would refuse it, and the login would be lost). The new
/// pair is kept in memory first, then written durably (<see cref="DurableFile"/>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The semaphore's wait handle is never asked for: it needs no disposal.")]
internal sealed class StoredLoginTokens : IAccessTokenSource
{
    /// <summary>As <see cref="VkIdTokenSource"/>: a token is renewed this long before it expires.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    /// <summary>How long a renewal waits for another process's renewal to finish (VK ID's own timeout is 30 s).</summary>
    private static readonly TimeSpan LockPatience = TimeSpan.FromSeconds(90);

    private readonly SemaphoreSlim _renewing = new(1, 1);
    private readonly string _path;
    private readonly long _clientId;
    private readonly Uri _vkIdUrl;
    private readonly VkIdClient _client;
    private readonly TimeProvider _time;
    private VkIdTokenSource _current;

    public StoredLoginTokens(StoredLogin login, string path, VkIdClient client, TimeProvider? timeProvider = null)
    {
        _path = path;
        _clientId = login.ClientId!.Value;
        _vkIdUrl = login.VkIdUrl!;
        _client = client;
        _time = timeProvider ?? TimeProvider.System;
        _current = Source(login.ToVkIdTokens());
    }

    public string AccountKey => Volatile.Read(ref _current).AccountKey;

    /// <summary>The tokens in use now.</summary>
    public VkIdTokens Tokens => Volatile.Read(ref _current).Tokens;

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var tokens = Tokens;
        return _time.GetUtcNow() < tokens.ExpiresAt - Margin
            ? tokens.AccessToken
            : await RenewAsync(tokens.AccessToken, cancellationToken).ConfigureAwait(false) ?? tokens.AccessToken;
    }

    public async ValueTask<string?> RenewAsync(string rejectedToken, CancellationToken cancellationToken)
    {
        await _renewing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var mine = Tokens;
            if (mine.AccessToken != rejectedToken)
            {
                return mine.AccessToken; // renewed meanwhile in this process
            }

            using var held = await AcquireLockAsync(cancellationToken).ConfigureAwait(false);

            // Another process may have renewed the login since this one read it: its pair is the living one.
            if (StoredLogin.Load(_path) is { Kind: StoredLogin.VkId, RefreshToken: { } refresh } onDisk && refresh != mine.RefreshToken)
            {
                var theirs = onDisk.ToVkIdTokens();
                Volatile.Write(ref _current, Source(theirs));
                if (theirs.AccessToken != rejectedToken && _time.GetUtcNow() < theirs.ExpiresAt - Margin)
                {
                    return theirs.AccessToken;
                }
            }

            var source = Volatile.Read(ref _current);
            return await source.RenewAsync(source.Tokens.AccessToken, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _renewing.Release();
        }
    }

    private VkIdTokenSource Source(VkIdTokens tokens) => new(tokens, _client, (renewed, _) =>
    {
        StoredLogin.FromVkId(renewed, _clientId, _vkIdUrl).Save(_path);
        return ValueTask.CompletedTask;
    }, _time);

    /// <summary>The exclusive lock beside the login file, waited for while another process renews (it goes with that process if it dies).</summary>
    private async Task<FileStream> AcquireLockAsync(CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(_path) + ".lock";
        var step = TimeSpan.FromMilliseconds(100);
        for (var waited = TimeSpan.Zero; ; waited += step)
        {
            if (LockFile.TryAcquire(path) is { } held)
            {
                return held;
            }

            if (waited >= LockPatience)
            {
                throw new IOException($"another vklp has held {path} for {LockPatience.TotalSeconds:0} s");
            }

            // Another vklp renews this login right now; its new pair is read once it is done.
            await Task.Delay(step, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
