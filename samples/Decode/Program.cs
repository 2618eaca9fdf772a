using VkLongPoll;

// An a_check answer from a file (or the one below), decoded into typed events, printed one per line.
var answer = args.Length > 0
    ? File.ReadAllBytes(args[0])
    : """{"ts":1780051490,"pts":10000005,"updates":[[10004,57,1,1234567,664425024,1780051490,"Привет!",{},{},0,0,0],[80,1,0]]}"""u8.ToArray();

var decoder = new LongPollDecoder(new LongPollDecoderOptions { Version = 19 });
var response = decoder.ReadResponse(answer);
Console.WriteLine($"ts {response.Ts}, pts {response.Pts}, {response.Updates.Count} events");
foreach (var e in response.Updates)
{
    Console.WriteLine($"{e.Type} ({e.Code})");
}
