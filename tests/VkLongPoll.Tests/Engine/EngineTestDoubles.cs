using Microsoft.Extensions.DependencyInjection;
using VkLongPoll.Engine;

namespace VkLongPoll.Tests.Engine;

internal sealed class ListSink : IDeadLetterSink
{
    public List<DeadLetter> Letters { get; } = [];

    public ValueTask DeadLetterAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        Letters.Add(letter);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A sink that fails: the others still get the letter and the account goes on.</summary>
internal sealed class ThrowingSink : IDeadLetterSink
{
    public ValueTask DeadLetterAsync(DeadLetter letter, CancellationToken cancellationToken) => throw new IOException("the sink's disk is full");
}

internal sealed class RecordingObserver : AccountEngineObserver
{
    public int Failures { get; private set; }

    public int DeadLettered { get; private set; }

    public override void OnHandlerFailed(AccountBatch batch, Exception exception, TimeSpan? retryIn)
    {
        if (retryIn is not null)
        {
            Failures++;
        }
    }

    public override void OnDeadLettered(DeadLetter letter) => DeadLettered++;
}

internal sealed class CountingScopes : IServiceScopeFactory
{
    public int Created { get; private set; }

    public int Disposed { get; private set; }

    public IServiceScope CreateScope()
    {
        Created++;
        return new Scope(this);
    }

    private sealed class Scope(CountingScopes owner) : IServiceScope, IServiceProvider
    {
        public IServiceProvider ServiceProvider => this;

        public object? GetService(Type serviceType) => null;

        public void Dispose() => owner.Disposed++;
    }
}
