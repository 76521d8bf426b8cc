using Soundscape.Domain.Common;

namespace Soundscape.Domain.Players;

/// <summary>What a queue or history row points at: exactly one of a sound or a mix.</summary>
public readonly record struct PlayableRef
{
    private PlayableRef(Guid? soundId, Guid? mixId)
    {
        SoundId = soundId;
        MixId = mixId;
    }

    public Guid? SoundId { get; }
    public Guid? MixId { get; }

    public static PlayableRef ForSound(Guid soundId) => new(soundId, null);
    public static PlayableRef ForMix(Guid mixId) => new(null, mixId);

    public static PlayableRef From(Guid? soundId, Guid? mixId) =>
        (soundId, mixId) switch
        {
            ({ } s, null) => ForSound(s),
            (null, { } m) => ForMix(m),
            _ => throw new DomainException("Exactly one of a sound or a mix is required."),
        };
}
