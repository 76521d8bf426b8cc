using Microsoft.Extensions.Options;

namespace Soundscape.Api.Rooms;

/// <summary>
/// One timer for every open stream on this instance: each interval the shared signal completes and is replaced, and
/// every stream writes its ": ping" comment. No timer per stream.
/// </summary>
public sealed class RoomHeartbeat(IOptions<RoomEventsOptions> options, TimeProvider clock) : BackgroundService
{
    private TaskCompletionSource _beat = NewSignal();
    private volatile bool _stopped;

    /// <summary>True once the host is stopping: streams end.</summary>
    public bool Stopped => _stopped;

    /// <summary>Completes at the next heartbeat.</summary>
    public Task Next => Volatile.Read(ref _beat).Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                Interlocked.Exchange(ref _beat, NewSignal()).TrySetResult();
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            // Wake every stream so they notice the shutdown.
            _stopped = true;
            _beat.TrySetResult();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
