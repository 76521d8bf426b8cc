using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Soundscape.Application.Common.Exceptions;

namespace Soundscape.Api.Rooms;

/// <summary>
/// GET /api/players/{id}/events: the room view as Server-Sent Events. The first event carries the current state,
/// unless Last-Event-ID already names it (a resumed stream that missed nothing); after that, an event for each new
/// room version and a ": ping" comment at every heartbeat. Events are written from the room's shared bytes.
/// </summary>
internal static class RoomEventStream
{
    public const string ContentType = "text/event-stream";
    public const string LastEventIdHeader = "Last-Event-ID";
    private static readonly byte[] Ping = ": ping\n\n"u8.ToArray();

    public static async Task RunAsync(Guid id, HttpContext context, RoomFeed feed, RoomHeartbeat heartbeat)
    {
        var lastEventId = ReadLastEventId(context.Request);
        var cancellationToken = context.RequestAborted;
        // Joining first lets an unknown player answer 404 as ProblemDetails before the stream starts.
        var room = await feed.JoinAsync(id, cancellationToken);
        try
        {
            var response = context.Response;
            response.ContentType = ContentType;
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no"; // nginx: do not hold events back
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

            var known = lastEventId ?? -1;
            if (room.Current.Version == known)
                await response.Body.FlushAsync(cancellationToken); // headers out; nothing missed
            while (!cancellationToken.IsCancellationRequested && !heartbeat.Stopped)
            {
                var changed = room.Changed;
                var beat = heartbeat.Next;
                var current = room.Current;
                if (current.Version != known)
                {
                    await response.Body.WriteAsync(current.Event, cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    known = current.Version;
                    continue;
                }
                if (await Task.WhenAny(changed, beat).WaitAsync(cancellationToken) == beat)
                {
                    await response.Body.WriteAsync(Ping, cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the client went away
        }
        finally
        {
            feed.Leave(room);
        }
    }

    private static long? ReadLastEventId(HttpRequest request)
    {
        var header = request.Headers[LastEventIdHeader].ToString();
        if (header.Length == 0)
            return null;
        return long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw RequestValidationException.For(LastEventIdHeader, "Last-Event-ID must be an event id this stream sent (a whole number).");
    }
}
