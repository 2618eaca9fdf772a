using System.Globalization;

namespace VkLongPoll.Cli.Feed;

/// <summary>The session's status values as the feed's dim lines, in plain words: what the tool is doing, not protocol codes.</summary>
internal static class StatusLines
{
    /// <summary>The line for <paramref name="status"/>, or null for statuses the feed does not show.</summary>
    /// <param name="status">The session's status.</param>
    /// <param name="language">The feed's language.</param>
    /// <param name="plainApi">The API's address when it was given as plain http://: a lost connection to it then says that an HTTPS server hangs up on plain HTTP.</param>
    public static string? For(LongPollStatus status, FeedLanguage language, Uri? plainApi = null)
    {
        var ru = language == FeedLanguage.Russian;
        return status switch
        {
            LongPollStarted { Resumed: false } => ru ? "подключено; жду событий (Ctrl+C — выход)" : "connected; waiting for events (Ctrl+C to stop)",
            LongPollStarted { Connected: true } => ru ? "подключено; продолжаю с места, где остановился (Ctrl+C — выход)" : "connected; continuing where it stopped (Ctrl+C to stop)",

            // Resuming with the saved key: nothing was asked of VK yet, so "connected" would be a guess (the server may be down).
            LongPollStarted => ru ? "продолжаю с места, где остановился (Ctrl+C — выход)" : "continuing where it stopped (Ctrl+C to stop)",
            LongPollRetrying r => Retrying(r, ru, plainApi),
            LongPollReconnected => ru ? "связь восстановлена" : "connection restored",
            LongPollRecoveryStarted { Cause: LongPollRecoveryCause.KeyExpired } => ru ? "ключ подключения истёк — переподключаюсь, ничего не пропадёт" : "the connection key expired; reconnecting, nothing is missed",
            LongPollRecoveryStarted { Cause: LongPollRecoveryCause.VersionRejected } => ru ? "сервер сменил версию протокола — подстраиваюсь" : "the server changed protocol versions; adjusting",
            LongPollRecoveryStarted => ru ? "догоняю то, что произошло за это время…" : "catching up on what happened meanwhile…",
            LongPollRecoveryFinished { Cause: LongPollRecoveryCause.KeyExpired or LongPollRecoveryCause.VersionRejected } => null,
            LongPollRecoveryFinished f => ru ? $"наверстал: {Events(f.EventsRecovered, ru)}" : $"caught up: {Events(f.EventsRecovered, ru)}",
            LongPollVersionChanged v => ru
                ? Invariant($"сервер не принимает версию {v.OldVersion} — перешёл на {v.NewVersion}")
                : Invariant($"the server does not accept version {v.OldVersion}; switched to {v.NewVersion}"),
            LongPollResynced { Reason: LongPollResyncReason.HistoryTruncated } => ru
                ? "часть событий за время отключения VK уже не хранит — показываю остальные"
                : "VK no longer keeps the start of the gap; showing the rest of it",
            LongPollResynced => ru
                ? "события за время отключения больше не получить — продолжаю с текущего момента"
                : "what happened during the gap can no longer be fetched; continuing from now",
            CommunityEventsLost { BackfillUnavailable: not null } => ru
                ? "сообщения сообщества недоступны токену — пропуски в событиях восполнить не получится"
                : "the token cannot read the community's messages: a gap's messages cannot be recovered",
            CommunityEventsLost { MessagesRecoverable: false } => ru
                ? "часть событий сообщества пропала, и сообщения за этот промежуток не восстановить (у токена нет доступа к сообщениям)"
                : "some of the community's events were lost, and the token cannot read its messages to recover them",
            CommunityEventsLost lost => ru
                ? Invariant($"часть событий сообщества пропала: сообщения восстановлены ({lost.MessagesRecovered}), прочие события этого промежутка VK не хранит")
                : Invariant($"some of the community's events were lost: their messages were recovered ({lost.MessagesRecovered}); VK keeps no other events of the gap"),
            _ => null,
        };
    }

    private static string Retrying(LongPollRetrying r, bool ru, Uri? plainApi)
    {
        var delay = Math.Max(1, (int)Math.Round(r.Delay.TotalSeconds));
        var what = r.Reason switch
        {
            LongPollRetryReason.NetworkUnreachable => ru ? $"нет связи с {r.Host}: {r.Detail}" : $"cannot reach {r.Host}: {r.Detail}",
            // The way out, said where it is needed: an emulator's (or a proxy's) certificate is trusted with --ca-cert.
            LongPollRetryReason.SecureConnectionFailed => ru
                ? $"не удалось установить защищённое соединение с {r.Host}: {r.Detail} (свой сертификат, например эмулятора, — через --ca-cert ФАЙЛ)"
                : $"secure connection to {r.Host} failed: {r.Detail} (to trust a certificate of your own, such as the emulator's, give --ca-cert FILE)",
            LongPollRetryReason.Timeout => ru ? $"{r.Host} не ответил вовремя" : $"{r.Host} did not answer in time",
            LongPollRetryReason.ConnectionLost => ru ? $"связь с {r.Host} прервалась" : $"connection to {r.Host} lost",
            LongPollRetryReason.HttpStatus when r.HttpStatusCode is >= 300 and < 400 => ru
                ? Invariant($"{r.Host} ответил HTTP {r.HttpStatusCode} и отправляет на {r.Detail}; туда не идём: запрос несёт токен")
                : Invariant($"{r.Host} answered HTTP {r.HttpStatusCode}, a redirect to {r.Detail}: not followed, the request carries a token"),
            LongPollRetryReason.HttpStatus => ru ? Invariant($"{r.Host} ответил ошибкой HTTP {r.HttpStatusCode}") : Invariant($"{r.Host} answered HTTP {r.HttpStatusCode}"),
            LongPollRetryReason.UnreadableAnswer => ru ? $"{r.Host} прислал непонятный ответ ({r.Detail})" : $"{r.Host} sent an unreadable answer ({r.Detail})",
            LongPollRetryReason.VersionRejected => ru ? $"{r.Host} снова не принимает версию протокола" : $"{r.Host} keeps refusing the protocol version",
            LongPollRetryReason.TokenRenewalFailed => ru ? $"не удалось обновить токен доступа на {r.Host}: {r.Detail}" : $"could not renew the access token at {r.Host}: {r.Detail}",
            LongPollRetryReason.InboxUnavailable => ru ? $"входящие Callback API пока не прочитать: {r.Detail}" : $"the Callback inbox cannot be read for now: {r.Detail}",
            _ => ru ? Invariant($"VK временно не отвечает (ошибка {r.ApiErrorCode}: {r.Detail})") : Invariant($"VK is not answering for now (error {r.ApiErrorCode}: {r.Detail})"),
        };
        if (plainApi is not null && r.Reason == LongPollRetryReason.ConnectionLost
            && string.Equals(r.Host, plainApi.Authority, StringComparison.OrdinalIgnoreCase))
        {
            // An HTTPS server (the emulator is one) hangs up on plain HTTP: said once here, instead of "lost" for ever.
            what += ru ? " (если это HTTPS-сервер, укажите https:// в --api-url)" : " (if it is an HTTPS server, give https:// in --api-url)";
        }

        return ru ? Invariant($"{what} — повтор через {delay} с") : Invariant($"{what}; retrying in {delay} s");
    }

    private static string Events(int count, bool ru)
    {
        if (!ru)
        {
            return Invariant($"{count} event{(count == 1 ? "" : "s")}");
        }

        var word = FeedFormatter.RussianCount(count, "событие", "события", "событий");
        return Invariant($"{count} {word}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
