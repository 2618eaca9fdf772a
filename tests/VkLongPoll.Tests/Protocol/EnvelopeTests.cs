using System.Text;

namespace VkLongPoll.Tests.Protocol;

/// <summary>The a_check answer around the updates: ts, pts, failed 1–4, versions, error.</summary>
public sealed class EnvelopeTests
{
    private static LongPollResponse Read(string json) => new LongPollDecoder().ReadResponse(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("{\"ts\":1820350874,\"updates\":[]}", 1820350874L)]
    [InlineData("{\"ts\":\"1820350874\",\"updates\":[]}", 1820350874L)]
    [InlineData("{\"updates\":[],\"ts\":9007199254740993}", 9007199254740993L)]
    public void Ts_NumberOrString_Int64(string json, long ts)
    {
        var response = Read(json);

        Assert.Equal(ts, response.Ts);
        Assert.False(response.IsFailed);
        Assert.Empty(response.Updates);
    }

    [Fact]
    public void Failed1_CarriesTheNewTs()
    {
        var response = Read("{\"failed\":1,\"ts\":\"1820350999\"}");

        Assert.Equal((1, 1820350999L), (response.Failed!.Value, response.Ts!.Value));
        Assert.True(response.IsFailed);
    }

    [Fact]
    public void Failed2_WithErrorText()
    {
        var response = Read("{\"failed\":2,\"error\":\"Key is invalid\"}");

        Assert.Equal((2, "Key is invalid"), (response.Failed!.Value, response.Error));
        Assert.Null(response.Ts);
    }

    [Fact]
    public void Failed3()
    {
        Assert.Equal(3, Read("{\"failed\":3}").Failed);
    }

    [Fact]
    public void Failed4_CarriesTheAcceptedRange()
    {
        var response = Read("{\"failed\":4,\"min_version\":0,\"max_version\":21}");

        Assert.Equal((4, 0, 21), (response.Failed!.Value, response.MinVersion!.Value, response.MaxVersion!.Value));
    }

    [Fact]
    public void UnknownFieldsAndNonStringError_AreTolerated()
    {
        var response = Read("{\"ts\":5,\"pts\":6,\"extra\":{\"deep\":[1,2]},\"error\":{\"x\":1},\"updates\":[[80,1,0]]}");

        Assert.Equal((5L, 6L, "{\"x\":1}"), (response.Ts!.Value, response.Pts!.Value, response.Error));
        Assert.Single(response.Updates);
    }

    [Fact]
    public void Whitespace_AroundAndInside_IsFine()
    {
        Assert.Single(Read(" \r\n{ \"ts\" : 1 ,\n \"updates\" : [ [ 80 , 1 , 0 ] ] }\n ").Updates);
    }
}
