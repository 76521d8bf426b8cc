using Microsoft.Extensions.Logging;
using Soundscape.Application.Common.Audio;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Audio;
using Soundscape.Audio.Analysis;
using Soundscape.Audio.Decoding;
using Soundscape.Domain.Vectors;

namespace Soundscape.Infrastructure.Audio;

/// <summary>
/// The analyzer of DESIGN §6: decodes with our audio library (WAV natively, the rest through ffmpeg when installed),
/// measures the file's length and maps its acoustic features to the five axes (docs/audio.md).
/// </summary>
internal sealed class AudioInspector(AudioDecoder decoder, EmbeddingAnalyzer analyzer, ILogger<AudioInspector> logger) : IAudioInspector
{
    public async Task<AudioInspection> InspectAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var duration = await decoder.MeasureDurationAsync(path, cancellationToken);
            using var reader = await decoder.OpenAsync(path, cancellationToken);
            var analysis = analyzer.Analyze(reader, cancellationToken);
            // Headers alone (an empty data chunk, a FLAC without frames) are not a sound: nothing could ever play.
            // Both measures count, since a container may promise a length its frames do not deliver.
            if (duration <= TimeSpan.Zero || analysis.Features.AnalyzedSeconds <= 0)
                throw new UnsupportedMediaException("The file contains no audio: it decodes to zero frames.");
            var e = analysis.Embedding;
            var embedding = TasteVector.Create(e.Rain, e.Wind, e.Fire, e.Thunder, e.Waves);
            logger.LogInformation("Analysed {File}: {Seconds:F1} s, embedding {Embedding}, features {Features}",
                Path.GetFileName(path), duration.TotalSeconds, string.Join(", ", embedding.ToArray().Select(v => v.ToString("F2"))), analysis.Features);
            // A sound with no character on any axis has no direction to compare with; it waits for an admin's embedding.
            return new AudioInspection(duration.TotalSeconds, embedding.IsZero ? null : embedding);
        }
        catch (UnsupportedAudioException ex)
        {
            throw new UnsupportedMediaException(ex.Message, ex);
        }
    }
}
