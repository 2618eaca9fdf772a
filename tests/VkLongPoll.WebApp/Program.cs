using VkLongPoll.WebApp;

// A web app that keeps the texts of the messages its VK account receives and serves them at /messages.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<Inbox>();
builder.Services.AddVkLongPoll(builder.Configuration.GetSection("VkLongPoll")).AddEventHandler<RememberMessages>();
builder.Services.AddHealthChecks().AddVkLongPoll();

var app = builder.Build();
app.MapGet("/messages", (Inbox inbox) => inbox.Texts);
app.MapHealthChecks("/health");
app.Run();
