using System.Threading.Channels;
using Soundscape.Application.Recommendation.Common;

namespace Soundscape.Infrastructure.Recommendation;

/// <summary>
/// Room changes on their way to the engine in this process. Bounded: when no engine reads (a host command, or tests
/// with the engine off) the oldest signals are dropped rather than kept forever; the next tick re-plans anyway.
/// </summary>
public sealed class RoomChangeChannel : IRoomChanges
{
    private readonly Channel<Guid> _channel = Channel.CreateBounded<Guid>(new BoundedChannelOptions(1024)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    public ChannelReader<Guid> Reader => _channel.Reader;

    public void Changed(Guid playerId) => _channel.Writer.TryWrite(playerId);
}
