namespace Soundscape.Audio.Playback;

/// <summary>A source that can start again from its first sample; looping needs it so the seam is sample-exact.</summary>
public interface IRewindable
{
    void Rewind();
}
