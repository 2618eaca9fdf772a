using System.Net;
using System.Text;
using System.Text.Json;
using VkLongPoll.Api.Methods;
using VkLongPoll.Api.Objects;

namespace VkLongPoll.Tests.Api;

/// <summary>Generated calls against a fake VK: the form as VK names its fields, typed answers, VK's errors as the library's exceptions.</summary>
public sealed class GeneratedClientCallTests
{
    [Fact]
    public async Task MessagesSend_PostsVkFieldNames_AndReadsTheMessageId()
    {
        var vk = new FakeVk("""{"response":4217}""");
        using var api = vk.Client();

        var id = await api.Messages.SendAsync(new MessagesSendParams
        {
            PeerId = 2000000001,
            RandomId = 77,
            Message = "привет & hello",
            ForwardMessages = [10, 11],
            Lat = 55.75,
            DontParseLinks = true,
            Intent = "default",
        });

        Assert.Equal(4217, id);
        var request = Assert.Single(vk.Requests);
        Assert.Equal("/method/messages.send", request.Path);
        Assert.Equal("2000000001", request.Form["peer_id"]);
        Assert.Equal("77", request.Form["random_id"]);
        Assert.Equal("привет & hello", request.Form["message"]);
        Assert.Equal("10,11", request.Form["forward_messages"]);
        Assert.Equal("55.75", request.Form["lat"]);
        Assert.Equal("1", request.Form["dont_parse_links"]);
        Assert.Equal("default", request.Form["intent"]);
        Assert.Equal("5.199", request.Form["v"]);
        Assert.Equal("token", request.Form["access_token"]);
        Assert.False(request.Form.ContainsKey("user_id")); // unset parameters are not sent
    }

    [Fact]
    public async Task UsersGet_ReadsARealShapedAnswer_Leniently()
    {
        // As VK answers users.get with fields: flags as 0/1, an id as a string, a field the schema does not know, an object
        // where the schema describes a number (a value of an unexpected kind is skipped, not fatal).
        var vk = new FakeVk("""
            {"response":[{"id":"1","first_name":"Павел","last_name":"Дуров","can_access_closed":true,"is_closed":false,
              "sex":2,"online":1,"verified":"1","city":{"id":2,"title":"Санкт-Петербург"},"photo_100":"https://sun9-1.userapi.com/x.jpg",
              "followers_count":{"unexpected":true},"brand_new_field":[1,2,3]}]}
            """);
        using var api = vk.Client();

        var users = await api.Users.GetAsync(new UsersGetParams { UserIds = ["1"], Fields = ["sex", "online", "city", "photo_100"] });

        var user = Assert.Single(users);
        Assert.Equal(1, user.Id);
        Assert.Equal("Павел", user.FirstName);
        Assert.Equal(BaseSex.Male, user.Sex);
        Assert.True(user.Online);
        Assert.True(user.Verified);
        Assert.Equal("Санкт-Петербург", user.City?.Title);
        Assert.Null(user.FollowersCount);
        Assert.Equal("sex,online,city,photo_100", vk.Requests[0].Form["fields"]);
    }

    [Fact]
    public async Task ExtendedVariant_SendsExtended_AndReadsProfiles()
    {
        var vk = new FakeVk("""
            {"response":{"count":1,"items":[{"id":5,"peer_id":1,"from_id":1,"date":1700000000,"text":"hi","out":0,"attachments":[],"fwd_messages":[],"conversation_message_id":3}],
              "profiles":[{"id":1,"first_name":"A","last_name":"B"}],"groups":[]}}
            """);
        using var api = vk.Client();

        var history = await api.Messages.GetHistoryExtendedAsync(new MessagesGetHistoryParams { PeerId = 1, Count = 1 });

        Assert.Equal("1", vk.Requests[0].Form["extended"]);
        Assert.Equal(1, history.Count);
        var message = Assert.Single(history.Items!);
        Assert.Equal("hi", message.Text);
        Assert.Equal(3, message.ConversationMessageId);
        Assert.Equal("A", Assert.Single(history.Profiles!).FirstName);
    }

    [Fact]
    public async Task VkError_IsTheLibrarysException_WithTheGeneratedCode()
    {
        var vk = new FakeVk("""{"error":{"error_code":902,"error_msg":"Can't send messages to this user due to their privacy settings","request_params":[]}}""");
        using var api = vk.Client();

        var error = await Assert.ThrowsAsync<VkApiException>(() => api.Messages.SendAsync(new MessagesSendParams { PeerId = 1, RandomId = 1, Message = "x" }));

        Assert.Equal(VkErrorCodes.MessagesPrivacy, error.ErrorCode);
        Assert.Single(vk.Requests); // a state-changing call is not repeated
        Assert.Equal("Can't send messages to this user due to their privacy settings", VkErrorCodes.Describe(902));
    }

    [Fact]
    public async Task AccessDenied_IsVkAccessDeniedException()
    {
        var vk = new FakeVk("""{"error":{"error_code":15,"error_msg":"Access denied: no access to call this method"}}""");
        using var api = vk.Client();

        var error = await Assert.ThrowsAsync<VkAccessDeniedException>(() => api.Groups.GetByIdAsync(new GroupsGetByIdParams { GroupId = "1" }));

        Assert.Equal("groups.getById", error.Method);
        Assert.Equal(VkErrorCodes.Access, error.ErrorCode);
    }

    [Fact]
    public async Task Execute_SendsTheCode_AndGivesTheResponseAsJson()
    {
        var vk = new FakeVk("""{"response":[1,{"a":"b"}]}""");
        using var api = vk.Client();

        var result = await api.ExecuteAsync(new ExecuteParams { Code = "return [1, {\"a\": \"b\"}];" });

        Assert.Equal(JsonValueKind.Array, result.ValueKind);
        Assert.Equal("b", result[1].GetProperty("a").GetString());
        Assert.Equal("/method/execute", vk.Requests[0].Path);
        Assert.Equal("return [1, {\"a\": \"b\"}];", vk.Requests[0].Form["code"]);
    }

    [Fact]
    public async Task MethodWithoutParameters_TakesOnlyTheCancellationToken()
    {
        var vk = new FakeVk("""{"response":{"upload_url":"https://pu.vk.com/c1/upload.php"}}""");
        using var api = vk.Client();

        var server = await api.Photos.GetMessagesUploadServerAsync(new PhotosGetMessagesUploadServerParams { PeerId = 1 });

        Assert.Equal("https://pu.vk.com/c1/upload.php", server.UploadUrl);
        Assert.Same(api.Photos, api.Photos); // section clients are made once
    }

    [Fact]
    public async Task GetLongPollHistory_ReadsRealCapturedAnswers()
    {
        // TestData/real/I.json: a real answer of February 2023; H1.json: VkNet's fixture of the old API (sources in TestData/README.md).
        var vk = new FakeVk(
            Encoding.UTF8.GetString(TestData.Bytes("real/I.json")),
            Encoding.UTF8.GetString(TestData.Bytes("real/H1.json")));
        using var api = vk.Client();
        var parameters = new MessagesGetLongPollHistoryParams { Pts = 10000073, LpVersion = 3 };

        var recent = await api.Messages.GetLongPollHistoryAsync(parameters);
        var old = await api.Messages.GetLongPollHistoryAsync(parameters);

        Assert.Equal(10000075, recent.NewPts);
        var message = Assert.Single(recent.Messages!.Items!);
        Assert.Equal("привет", message.Text);
        Assert.Equal(761651406, message.PeerId);
        Assert.Equal("Владимир", Assert.Single(recent.Profiles!).FirstName);
        Assert.Equal(JsonValueKind.Number, recent.History![0][0].ValueKind);
        Assert.NotNull(old.History);
        Assert.Equal("10000073", vk.Requests[0].Form["pts"]);
    }

    [Fact]
    public async Task AnObjectOrAListOfAnotherKind_ReadsAsNull_AndTheRestOfTheAnswerIsRead()
    {
        // VK's PHP-style empty array where the schema describes an object; an object where it describes a list; a list of
        // objects with a number in it.
        var vk = new FakeVk("""
            {"response":{"count":2,"items":[
              {"id":1,"text":"a","geo":[],"attachments":{},"fwd_messages":[7,{"text":"forwarded"}]},
              {"id":2,"text":"b"}]}}
            """);
        using var api = vk.Client();

        var history = await api.Messages.GetHistoryAsync(new MessagesGetHistoryParams { PeerId = 1 });

        Assert.Equal(2, history.Items!.Count);
        var first = history.Items[0];
        Assert.Equal("a", first.Text);
        Assert.Null(first.Geo);
        Assert.Null(first.Attachments);
        Assert.Equal("forwarded", Assert.Single(first.FwdMessages!).Text);
        Assert.Equal("b", history.Items[1].Text);
    }

    [Fact]
    public async Task AnAnswerOfAnotherKind_FailsTheRead_NamingTheMethod()
    {
        var vk = new FakeVk("""{"response":{"not":"a list"}}""");
        using var api = vk.Client();

        var error = await Assert.ThrowsAsync<JsonException>(() => api.Users.GetAsync(new UsersGetParams { UserIds = ["1"] }));

        Assert.StartsWith("users.get: ", error.Message, StringComparison.Ordinal);
    }

    private sealed class FakeVk(params string[] answers) : HttpMessageHandler
    {
        private int _next;

        public List<(string Path, Dictionary<string, string> Form)> Requests { get; } = [];

        public VkApiClient Client() => new(
            "token",
            new VkApiClientOptions { BaseUrl = new Uri("https://api.vk.test/method"), CallsPerSecond = 0, MaxRetries = 0 },
            new HttpClient(this));

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            var form = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2))
                .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p[1]));
            Requests.Add((request.RequestUri!.AbsolutePath, form));
            var answer = answers[Math.Min(_next++, answers.Length - 1)];
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer, Encoding.UTF8, "application/json") };
        }
    }
}
