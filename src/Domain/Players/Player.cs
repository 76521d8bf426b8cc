using Soundscape.Domain.Common;
using Soundscape.Domain.Recommendation;
using Soundscape.Domain.Vectors;

namespace Soundscape.Domain.Players;

public enum PlayerStatus
{
    Offline,
    Online,
    Playing,
    Idle,
}

/// <summary>
/// A device in a room. The check-in code is printed on a public NFC tag, so it identifies the
/// player but never authenticates it: that is the device key, of which only a hash is kept.
/// </summary>
public sealed class Player : Entity
{
    public const int MaxNameLength = 120;
    public const int MaxCheckinCodeLength = 64;

    private Player(Guid id, string name, string checkinCode, DateTimeOffset createdAt) : base(id, createdAt)
    {
        Name = name;
        CheckinCode = checkinCode;
        Status = PlayerStatus.Offline;
    }

    public string Name { get; private set; }
    public string CheckinCode { get; private set; }

    /// <summary>
    /// The device key's hash: set by <see cref="Create"/> and <see cref="RotateDeviceKey"/>, and null on a player loaded
    /// without it (it is loaded only on request, and only service work may read it).
    /// </summary>
    public PlayerDeviceKey? DeviceKey { get; private set; }
    public PlayerStatus Status { get; private set; }
    public Guid? CurrentSoundId { get; private set; }
    public Guid? CurrentMixId { get; private set; }
    public DateTimeOffset? LastPollAt { get; private set; }
    public Guid? ManagerId { get; private set; }

    /// <summary>Goes up whenever the queue changes; devices poll against it (it is their ETag).</summary>
    public long QueueVersion { get; private set; }

    /// <summary>
    /// Goes up whenever what the room shows changes (queue, now playing, taste, listeners arriving or leaving). The
    /// database moves it (triggers) and announces it; the room's event streams use it as the event id.
    /// </summary>
    public long RoomVersion { get; private set; }

    /// <summary>The last tick round this player was planned in; claimed atomically so one instance plans it per round.</summary>
    public long PlannedRound { get; private set; }

    /// <summary>The taste the room falls back to when nobody with a signal is checked in anywhere.</summary>
    public TasteVector? DefaultVector { get; private set; }

    public static Player Create(string name, string checkinCode, string deviceKeyHash, Guid? managerId, DateTimeOffset now)
    {
        var code = ValidCheckinCode(checkinCode);
        var player = new Player(NewId(), Guard.Required(name, "name", MaxNameLength), code, now) { ManagerId = managerId };
        player.DeviceKey = PlayerDeviceKey.For(player.Id, deviceKeyHash);
        return player;
    }

    public void Rename(string name) => Name = Guard.Required(name, "name", MaxNameLength);

    public void ChangeCheckinCode(string checkinCode) => CheckinCode = ValidCheckinCode(checkinCode);

    private static string ValidCheckinCode(string checkinCode)
    {
        var code = Guard.Required(checkinCode, "checkinCode", MaxCheckinCodeLength);
        if (!code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new DomainValidationException("checkinCode", "checkinCode may hold only letters, digits, '-' and '_'.");
        return code;
    }

    /// <summary>Replaces the device key's hash. The old one need not have been loaded: the new one is written over it.</summary>
    public void RotateDeviceKey(string deviceKeyHash)
    {
        if (DeviceKey is null)
            DeviceKey = PlayerDeviceKey.For(Id, deviceKeyHash);
        else
            DeviceKey.Replace(deviceKeyHash);
    }

    public void SetDefaultVector(TasteVector? vector) => DefaultVector = vector;

    /// <summary>
    /// What the public "now" view may show of the room's taste at the last plan: <see cref="Recommendation.CollectiveVector.PublicVector"/>,
    /// so null when fewer than three listeners' tastes made it.
    /// </summary>
    public TasteVector? CollectiveVector { get; private set; }

    public CollectiveFallback? CollectiveFallback { get; private set; }

    public DateTimeOffset? PlannedAt { get; private set; }

    public void QueueChanged() => QueueVersion++;

    public void Planned(CollectiveVector collective, DateTimeOffset now)
    {
        CollectiveVector = collective.PublicVector;
        CollectiveFallback = collective.Fallback;
        PlannedAt = now;
    }

    /// <summary>Online for planning: it said something within <paramref name="silence"/> and did not say it was offline.</summary>
    public bool IsOnlineAt(DateTimeOffset now, TimeSpan silence) =>
        Status != PlayerStatus.Offline && LastPollAt is { } last && now - last < silence;

    public void Heartbeat(PlayerStatus status, DateTimeOffset now)
    {
        Status = status;
        LastPollAt = now;
    }

    public void NowPlaying(Guid? soundId, Guid? mixId)
    {
        if (soundId is not null && mixId is not null)
            throw new DomainException("A player plays a sound or a mix, not both.");
        CurrentSoundId = soundId;
        CurrentMixId = mixId;
        Status = soundId is null && mixId is null ? PlayerStatus.Idle : PlayerStatus.Playing;
    }
}
