using VkLongPoll;
using VkLongPoll.Sqlite;
using Worker;

// `dotnet run -- list` prints what the worker stored, and where each account will resume.
if (args is ["list", ..])
{
    MessageDatabase.FromConfiguration(new ConfigurationBuilder().AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables().Build()).Print(Console.Out);
    return;
}

var builder = Host.CreateApplicationBuilder(args);
var database = MessageDatabase.FromConfiguration(builder.Configuration);
builder.Services.AddSingleton(database);
// The host loads each account's checkpoint from the database the handler commits it to.
builder.Services.AddSingleton<ICheckpointStore>(new SqliteCheckpointStore(database.Path));
builder.Services.AddVkLongPoll(builder.Configuration.GetSection("VkLongPoll"))
    .AddBatchHandler<StoreMessages>();
builder.Services.AddHealthChecks().AddVkLongPoll();

builder.Build().Run();
