using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VkLongPoll.Testing.Api;
using VkLongPoll.Testing.Control;
using VkLongPoll.Testing.Hosting;
using VkLongPoll.Testing.LongPoll;
using VkLongPoll.Testing.Model;
using VkLongPoll.Testing.Scenario;
using VkLongPoll.Testing.VkId;

namespace VkLongPoll.Testing;

/// <summary>One journal entry: the event's numbers and its update array as the wire would carry it.</summary>
/// <param name="Ts">Its ts.</param>
/// <param name="Pts">The pts after it.</param>
/// <param name="Persistent">Kept for getLongPollHistory.</param>
/// <param name="Sent">Sent at all in the version asked for (8/9 are not sent from version 11 on).</param>
/// <param name="Update">The update array, UTF-8 JSON.</param>
public sealed record JournalEntry(long Ts, long Pts, bool Persistent, bool Sent, byte[] Update);

/// <summary>A VK API and User Long Poll server on loopback, with a control API and fault injection.</summary>
/// <remarks>
/// Start it with <see cref="StartAsync"/>; it listens on HTTPS with a certificate it makes for
/// 127.0.0.1 and localhost (written as PEM to <see cref="CertificatePemPath"/>), or on plain HTTP.
/// </remarks>
public sealed partial class VkEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly World _world;
    private readonly ScenarioRunner _scenarios;

    private readonly ApiEndpoint _api;
    private readonly VkIdEndpoint _vkId;

    private VkEmulator(WebApplication app, World world, X509Certificate2? certificate, string? pemPath, Uri baseUri, FaultInjector faults, ApiEndpoint api, VkIdEndpoint vkId, FaultInjector botsFaults, Community.CallbackSender callbacks)
    {
        BotsFaults = botsFaults;
        _callbacks = callbacks;
        _api = api;
        _vkId = vkId;
        _app = app;
        _world = world;
        Certificate = certificate;
        CertificatePemPath = pemPath;
        BaseUri = baseUri;
        Faults = faults;
        _scenarios = new ScenarioRunner(world.Time, world.Options.ScenarioLanguage);
    }

    /// <summary>Where it listens, e.g. <c>https://127.0.0.1:40123/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The API base URL to give a client: <c>{BaseUri}method</c>.</summary>
    public Uri ApiUrl => new(BaseUri, "method");

    /// <summary>Where its VK ID is (<c>/authorize</c>, <c>/oauth2/auth</c>…), as <c>https://id.vk.ru</c> is VK's: <see cref="BaseUri"/>.</summary>
    public Uri VkIdUrl => BaseUri;

    /// <summary>The id (<c>client_id</c>) of the VK ID app it knows (<see cref="EmulatorOptions.VkIdAppId"/>).</summary>
    public int VkIdAppId => _world.Options.VkIdAppId;

    /// <summary>The control API's base: <c>{BaseUri}_emulator</c>.</summary>
    public Uri ControlUrl => new(BaseUri, "_emulator");

    /// <summary>The self-signed certificate (null with plain HTTP).</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>The certificate as a PEM file a client can trust (null with plain HTTP).</summary>
    public string? CertificatePemPath { get; }

    /// <summary>The access tokens of the accounts, first account first.</summary>
    public IReadOnlyList<string> Tokens => [.. _world.Accounts.Select(a => a.Token)];

    /// <summary>The user ids of the accounts, in the order of <see cref="Tokens"/>.</summary>
    public IReadOnlyList<long> UserIds => [.. _world.Accounts.Select(a => a.Self.Id)];

    /// <summary>The friends of an account (who its scenario messages and presence come from).</summary>
    public IReadOnlyList<long> FriendIds(int account = 0)
    {
        var target = _world.Accounts[account];
        lock (target.Sync)
        {
            return [.. target.Friends];
        }
    }

    /// <summary>Long Poll fault injection, for in-process tests (the control API does the same).</summary>
    public FaultInjector Faults { get; }

    internal World World => _world;

    /// <summary>Starts the server and returns once it listens.</summary>
    public static async Task<VkEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options = options?.Copy() ?? new EmulatorOptions();
        options.Validate();
        var world = new World(options);
        var certificate = options.PlainHttp ? null
            : options.CertificateKeyPath is { } keyPath ? LoopbackCertificate.Kept(options.CertificatePemPath!, keyPath, options.TimeProvider)
            : LoopbackCertificate.Create(options.TimeProvider);
        var pemPath = certificate is null ? null
            : options.CertificateKeyPath is not null ? options.CertificatePemPath
            : LoopbackCertificate.WritePem(certificate, options.CertificatePemPath);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, PassiveLifetime>();
        // Held long polls must not keep a stopping server alive for a whole `wait`.
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Parse(options.BindAddress), options.Port, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        var faults = new FaultInjector();
        var api = new ApiEndpoint(world);
        var longPoll = new LongPollEndpoint(world, faults);
        var vkId = new VkIdEndpoint(world);
        var botsFaults = new FaultInjector();
        var botsLongPoll = new Community.BotsLongPollEndpoint(world, botsFaults);
        var callbacks = new Community.CallbackSender(world);
        var control = new ControlEndpoint(world, faults, api, vkId, new ScenarioRunner(options.TimeProvider, options.ScenarioLanguage)) { BotsFaults = botsFaults };
        var app = builder.Build();
        app.Map("/method/{name}", (HttpContext context, string name) => api.HandleAsync(context, name));
        app.Map("/nim{userId:long}", (HttpContext context, long userId) => longPoll.HandleAsync(context, userId));
        // Bots Long Poll, where VK's is https://lp.vk.com/wh{group_id}.
        app.Map("/wh{groupId:long}", (HttpContext context, long groupId) => botsLongPoll.HandleAsync(context, groupId));
        app.Map("/_emulator/{action}", (HttpContext context, string action) => control.HandleAsync(context, action));
        // VK ID (id.vk.com / id.vk.ru) and VK's captcha page, on the same host.
        app.MapGet("/authorize", vkId.AuthorizeAsync);
        app.MapPost("/oauth2/auth", vkId.TokenAsync);
        app.MapPost("/oauth2/user_info", vkId.UserInfoAsync);
        app.MapPost("/oauth2/logout", vkId.LogoutAsync);
        app.MapPost("/oauth2/revoke", vkId.LogoutAsync);
        app.MapGet("/not_robot_captcha", (HttpContext context) => CaptchaPageAsync(context, api));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A port in use or a cancelled start: nothing of this emulator may stay behind.
            await app.DisposeAsync().ConfigureAwait(false);
            certificate?.Dispose();
            if (pemPath is not null)
            {
                File.Delete(pemPath);
            }

            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var listening = new Uri(address);
        var baseUri = new Uri($"{(options.PlainHttp ? "http" : "https")}://{options.BindAddress}:{listening.Port}/");
        world.SetServerAddress($"{options.BindAddress}:{listening.Port}", options.PlainHttp);
        callbacks.Start();
        return new VkEmulator(app, world, certificate, pemPath, baseUri, faults, api, vkId, botsFaults, callbacks);
    }

    /// <summary>Runs <paramref name="steps"/> scenario steps on an account at once (in-process load); returns the account's newest ts.</summary>
    public long EmitScenario(int account, Random random, int steps)
    {
        ArgumentNullException.ThrowIfNull(random);
        var target = _world.Accounts[account];
        for (var i = 0; i < steps; i++)
        {
            _scenarios.Step(target, random);
        }

        lock (target.Sync)
        {
            return target.Log.Ts;
        }
    }

    /// <summary>A message to an account from its first friend (in-process load, e.g. a fixed-rate emitter); returns the message id.</summary>
    public long SendMessage(int account, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var target = _world.Accounts[account];
        var friend = target.Friends.Count > 0 ? target.Friends[0] : throw new InvalidOperationException("the account has no friends to write from");
        return target.AddMessage(friend, friend, text).Message.Id;
    }

    /// <summary>The newest <c>ts</c> and <c>pts</c> of an account.</summary>
    public (long Ts, long Pts) Position(int account)
    {
        var target = _world.Accounts[account];
        lock (target.Sync)
        {
            return (target.Log.Ts, target.Log.Pts);
        }
    }

    /// <summary>The account's journal as <c>a_check</c> of <paramref name="version"/>/<paramref name="mode"/> would send it.</summary>
    public IReadOnlyList<JournalEntry> Journal(int account, int version = 19, int mode = 2 | 8 | 32 | 128)
    {
        var target = _world.Accounts[account];
        List<LoggedEvent> events;
        lock (target.Sync)
        {
            events = target.Log.Snapshot();
        }

        var format = new Wire.WireFormat(version, mode);
        var entries = new List<JournalEntry>(events.Count);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        foreach (var logged in events)
        {
            buffer.Clear();
            using (var json = new System.Text.Json.Utf8JsonWriter(buffer, Wire.JsonOptions.Writer))
            {
                Wire.UpdateEncoder.Write(json, logged.Event, format);
            }

            entries.Add(new JournalEntry(logged.Ts, logged.Pts, logged.Event.IsPersistent, Wire.UpdateEncoder.IsSent(logged.Event, format), buffer.WrittenSpan.ToArray()));
        }

        return entries;
    }

    /// <summary>A new access token for an account: without <c>messages</c> access (as most apps' user tokens), or one that expires after <paramref name="lifetime"/> on the emulator's clock.</summary>
    public string IssueToken(int account = 0, bool messagesAccess = true, TimeSpan? lifetime = null) =>
        _world.IssueToken(_world.Accounts[account], messagesAccess, lifetime).Value;

    /// <summary>VK API calls answered so far, by method.</summary>
    internal IReadOnlyDictionary<string, int> ApiCalls => _api.Calls;

    /// <summary>The <c>User-Agent</c> of the last VK API call.</summary>
    internal string? LastUserAgent => _api.LastUserAgent;

    /// <summary>Errors and captchas the API answers on demand.</summary>
    internal ApiFaults ApiFaults => _api.Faults;

    /// <summary>VK ID access tokens issued by code exchange, and by refresh.</summary>
    internal (int Issued, int Refreshed) VkIdCounts => (_vkId.Issued, _vkId.Refreshed);

    /// <summary>A typed client for this emulator's control API, acting on account <paramref name="account"/> (dispose it when done).</summary>
    public EmulatorControlClient CreateControlClient(int account = 0) => EmulatorControlClient.ForEmulator(this, Tokens[account]);

    /// <summary>VK's captcha page, passed at once: it answers the <c>success_token</c> a client sends back (as a person would get it).</summary>
    private static async Task CaptchaPageAsync(HttpContext context, ApiEndpoint api)
    {
        var token = api.Faults.Solve(context.Request.Query["session_token"]);
        context.Response.StatusCode = token is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(token is null ? "{\"error\":\"unknown session\"}" : $"{{\"success_token\":\"{token}\"}}", context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>An HTTP handler that trusts exactly this emulator's certificate (and nothing else), for clients in tests.</summary>
    public SocketsHttpHandler CreateTrustingHandler()
    {
        var handler = new SocketsHttpHandler();
        if (Certificate is { } certificate)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, errors) =>
                errors == SslPolicyErrors.None
                || (presented is not null && presented.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256) == certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256));
        }

        return handler;
    }

    /// <summary>Stops the server and removes the PEM file it wrote.</summary>
    public async ValueTask DisposeAsync()
    {
        await _callbacks.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Certificate?.Dispose();
        if (CertificatePemPath is not null && _world.Options.CertificateKeyPath is null)
        {
            File.Delete(CertificatePemPath); // a kept certificate stays for the next start
        }
    }
}
