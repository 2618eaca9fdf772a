using VkLongPoll.Events;

namespace VkLongPoll.Tests.Protocol;

/// <summary>The additional object (index 6/7) and the attachments object (index 7/8) of message tuples.</summary>
public sealed class KludgesTests
{
    private static LongPollMessage V19(string additional, string attachments) =>
        TestData.Message(TestData.Event($"[10004,5,8193,900,2000000001,1700000000,\"t\",{additional},{attachments},0,900,0]"));

    [Fact]
    public void Additional_EveryKnownKey()
    {
        var m = V19(
            """{"from":"-77","emoji":"1","from_admin":"300","has_template":"1","keyboard":{"one_time":false,"buttons":[[{"action":{"type":"text","label":"ok"}}]]},"payload":"{\"button\":\"1\"}","expire_ttl":"86400","ttl":30,"is_expired":"1","is_translated":"1","is_silent":"1","pinned_at":"1700000100","ref_source":"ref","title":" ... ","mystery":{"x":1},"mystery2":"v"}""",
            "{}");

        var x = m.Extras;
        Assert.Equal(-77, m.FromId);
        Assert.True(x.HasEmoji && x.HasTemplate && x.IsExpired && x.IsTranslated && x.IsSilent);
        Assert.Equal((300L, 86400L, 30L, 1700000100L), (x.FromAdminId!.Value, x.ExpireTtl!.Value, x.Ttl!.Value, x.PinnedAt!.Value));
        Assert.Equal("{\"button\":\"1\"}", x.Payload);
        Assert.StartsWith("{\"one_time\":false", x.KeyboardJson, StringComparison.Ordinal);
        Assert.Equal(("ref", " ... "), (x.RefSource, x.Title));
        Assert.Equal("{\"x\":1}", x.Other?["mystery"]);
        Assert.Equal("v", x.Other?["mystery2"]);
    }

    [Fact]
    public void MarkedUsers_AllForms()
    {
        var m = V19("""{"marked_users":[[1,[100,200]],[1,"all"],[2,"all"],[1,"online",[300]]]}""", "{}");

        Assert.Collection(
            m.Extras.MarkedUsers,
            a => Assert.Equal((1, (string?)null, "100,200"), (a.Type, a.Target, string.Join(',', a.UserIds))),
            b => Assert.Equal((1, "all", 0), (b.Type, b.Target, b.UserIds.Count)),
            c => Assert.Equal((2, "all"), (c.Type, c.Target)),
            d => Assert.Equal((1, "online", 300L), (d.Type, d.Target, d.UserIds[0])));
    }

    [Theory]
    [InlineData("chat_create", "\"source_text\":\"Дача 2026\"")]
    [InlineData("chat_pin_message", "\"source_mid\":\"88262293\",\"source_message\":\"Сообщение, которое будет в закрепе\",\"source_chat_local_id\":\"5517\"")]
    [InlineData("conversation_style_update", "\"source_style\":\"disco\"")]
    public void ServiceActions_AllSourceFields(string act, string fields)
    {
        var m = V19($$"""{"source_act":"{{act}}",{{fields}},"from":"1"}""", "{}");

        Assert.Equal(act, m.Action?.Type);
        switch (act)
        {
            case "chat_create":
                Assert.Equal("Дача 2026", m.Action?.Text);
                break;
            case "chat_pin_message":
                Assert.Equal((88262293L, "Сообщение, которое будет в закрепе", 5517L), (m.Action!.MemberId!.Value, m.Action.Message, m.Action.ConversationMessageId!.Value));
                break;
            default:
                Assert.Equal("disco", m.Action?.Style);
                break;
        }
    }

    [Fact]
    public void ServiceAction_ChannelFlag()
    {
        Assert.True(V19("""{"source_act":"chat_photo_remove","source_is_channel":"1"}""", "{}").Action?.IsChannel);
    }

    [Fact]
    public void Attachments_DocExampleFromVersion19Notes()
    {
        // longpoll-v19.md §7 E7 (a JS object literal in the source, written here as JSON).
        var m = V19("{}", """{"attach1":"88262293_457290160","attach1_type":"photo","attach2":"88262293_532324610","attach2_type":"doc","attach3":"88262293_535133534","attach3_kind":"audiomsg","attach3_type":"doc"}""");

        Assert.Equal(["photo", "doc", "doc"], m.Attachments.Select(a => a.Type));
        Assert.True(m.Attachments[2].IsVoiceMessage);
        Assert.False(m.Attachments[1].IsVoiceMessage);
    }

    [Fact]
    public void Attachments_OrderByNumberNotByKeyOrder_AndTenPlus()
    {
        var m = V19("{}", """{"attach10_type":"photo","attach10":"1_10","attach2_type":"photo","attach2":"1_2","attach1_type":"photo","attach1":"1_1"}""");

        Assert.Equal([1, 2, 10], m.Attachments.Select(a => a.Index));
    }

    [Fact]
    public void Attachments_LinkSnippetGraffitiMoneyAndUnknownSuffix()
    {
        var m = V19("{}", """{"attach1_type":"link","attach1":"0_0","attach1_url":"https://vk.com","attach1_title":"VK &amp; co","attach1_desc":"d","attach1_photo":"1_2","attach2_type":"doc","attach2":"5_6","attach2_kind":"graffiti","attach3_type":"money_transfer","attach3":"7_8","attach3_amount":"100","attach3_currency":"RUB","attach3_weird":"w"}""");

        Assert.Equal(new LinkSnippet("https://vk.com", "VK & co", "d", "1_2"), m.Attachments[0].Link);
        Assert.True(m.Attachments[1].IsGraffiti);
        Assert.Equal(("100", "RUB", "w"), (m.Attachments[2].Amount, m.Attachments[2].Currency, m.Attachments[2].Other?["weird"]));
    }

    [Fact]
    public void Attachments_FwdReplyGeoCountAndEmbeddedJson()
    {
        var m = V19("{}", """{"fwd":"0_0","reply":"{\"conversation_message_id\":57}","geo":"2_1","geo_provider":"4","attachments_count":"1","attachments":"[{\"type\":\"sticker\",\"sticker\":{\"sticker_id\":3670}}]"}""");

        Assert.Equal(("0_0", 57L, "2_1", "4", 1), (m.Forwards, m.ReplyToConversationMessageId!.Value, m.Geo!.Value, m.Geo.Provider, m.Extras.AttachmentsCount!.Value));
        Assert.StartsWith("[{\"type\":\"sticker\"", m.Extras.AttachmentsJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Attachments_ValueHoldingJsonText_IsNotSplitIntoOwnerAndItem()
    {
        var a = Assert.Single(V19("{}", """{"attach1_type":"poll","attach1":"{\"id\":1}"}""").Attachments);

        Assert.Equal("{\"id\":1}", a.Id);
        Assert.Null(a.OwnerId);
        Assert.Null(a.ItemId);
    }

    [Fact]
    public void EmptyObjects_ShareTheEmptyExtras()
    {
        Assert.Same(MessageExtras.Empty, V19("{}", "{}").Extras);
    }
}
