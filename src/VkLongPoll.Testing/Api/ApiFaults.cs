using System.Globalization;
using VkLongPoll.Testing.Model;

namespace VkLongPoll.Testing.Api;

/// <summary>
/// Errors the API answers on demand: any code for the next calls (of one method, or of any), and captchas that keep
/// coming until solved — in VK's 2025 form (<c>redirect_uri</c>, answered with <c>success_token</c>) or the older one
/// (<c>captcha_sid</c>/<c>captcha_img</c>, answered with <c>captcha_key</c>).
/// </summary>
internal sealed class ApiFaults(Random random)
{
    private readonly Lock _sync = new();
    private readonly List<(int Code, string? Method)> _queued = [];
    private readonly Dictionary<Account, CaptchaChallenge> _captchas = [];
    private readonly Dictionary<string, CaptchaChallenge> _bySession = new(StringComparer.Ordinal);

    /// <summary>The next <paramref name="count"/> calls (of <paramref name="method"/>, or of any) fail with <paramref name="code"/>.</summary>
    public void Inject(int code, int count, string? method, bool legacyCaptcha)
    {
        lock (_sync)
        {
            for (var i = 0; i < count; i++)
            {
                _queued.Add((code == 14 && legacyCaptcha ? -14 : code, method));
            }
        }
    }

    /// <summary>The error this call meets, if any: a captcha still unsolved, else the first queued error for its method.</summary>
    public ApiError? Check(Account account, string method, Hosting.RequestParameters p, string baseUri)
    {
        lock (_sync)
        {
            if (_captchas.TryGetValue(account, out var pending))
            {
                if (!pending.IsAnsweredBy(p))
                {
                    pending.Attempts++;
                    return pending.Error();
                }

                _captchas.Remove(account);
                _bySession.Remove(pending.SessionToken);
            }

            var index = _queued.FindIndex(q => q.Method is null || q.Method == method);
            if (index < 0)
            {
                return null;
            }

            var (code, _) = _queued[index];
            _queued.RemoveAt(index);
            if (code is 14 or -14)
            {
                var challenge = new CaptchaChallenge(random, baseUri, legacy: code == -14);
                _captchas[account] = challenge;
                _bySession[challenge.SessionToken] = challenge;
                return challenge.Error();
            }

            return new ApiError(code, Message(code));
        }
    }

    /// <summary>What VK's captcha page gives once the person passed it: the <c>success_token</c>; null for an unknown session.</summary>
    public string? Solve(string? sessionToken)
    {
        lock (_sync)
        {
            return sessionToken is not null && _bySession.TryGetValue(sessionToken, out var challenge) ? challenge.SuccessToken : null;
        }
    }

    /// <summary>VK's <c>error_msg</c> for the codes a test is likely to inject.</summary>
    private static string Message(int code) => code switch
    {
        1 => "Unknown error occurred",
        5 => "User authorization failed: access_token has expired.",
        6 => "Too many requests per second",
        9 => "Flood control",
        10 => "Internal server error",
        15 => "Access denied: no access to call this method",
        17 => "Validation required: please open redirect_uri in browser",
        29 => "Rate limit reached",
        36 => "Method execution was interrupted due to timeout",
        907 => "Value of ts or pts is too old",
        908 => "Value of ts or pts is too new",
        990 => "Drop device cache",
        1117 => "Access token has expired",
        _ => "Injected error " + code.ToString(CultureInfo.InvariantCulture),
    };
}
