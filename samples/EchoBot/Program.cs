using EchoBot;
using VkLongPoll;
using VkLongPoll.Sqlite;

var builder = Host.CreateApplicationBuilder(args);
// Checkpoints in SQLite: a restart resumes where the last handled batch ended (and hands over again what came after it).
builder.Services.AddSingleton<ICheckpointStore>(new SqliteCheckpointStore(builder.Configuration["Database"] ?? "echobot.db"));
builder.Services.AddVkLongPoll(builder.Configuration.GetSection("VkLongPoll"))
    .AddEventHandler<Echo>();

builder.Build().Run();
