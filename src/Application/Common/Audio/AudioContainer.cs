namespace Soundscape.Application.Common.Audio;

/// <summary>
/// The container of an audio file, read from its first bytes (its signature), never from its name: a WAV called
/// "x.mp3" is audio/wav. The store keeps the file under the extension named here, so the served Content-Type
/// follows the content.
/// </summary>
public static class AudioContainer
{
    /// <summary>The media type and file extension (".wav") of <paramref name="header"/>, the file's first 12 bytes or more;
    /// application/octet-stream and ".bin" when no known signature matches.</summary>
    public static (string ContentType, string Extension) Sniff(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WAVE"u8))
            return ("audio/wav", ".wav");
        if (header.Length >= 12 && header[..4].SequenceEqual("FORM"u8) && (header[8..12].SequenceEqual("AIFF"u8) || header[8..12].SequenceEqual("AIFC"u8)))
            return ("audio/aiff", ".aiff");
        if (header.StartsWith("fLaC"u8))
            return ("audio/flac", ".flac");
        if (header.StartsWith("OggS"u8))
            return ("audio/ogg", ".ogg");
        if (header.Length >= 8 && header[4..8].SequenceEqual("ftyp"u8))
            return ("audio/mp4", ".m4a");
        if (header.StartsWith(new byte[] { 0x1A, 0x45, 0xDF, 0xA3 }))
            return ("audio/webm", ".webm");
        if (header.StartsWith(new byte[] { 0x30, 0x26, 0xB2, 0x75 }))
            return ("audio/x-ms-wma", ".wma");
        if (header.StartsWith("ID3"u8))
            return ("audio/mpeg", ".mp3");
        // Frame sync: eleven set bits. Layer bits 00 with MPEG-4/2 ids is ADTS AAC; any other layer is MPEG audio.
        if (header.Length >= 2 && header[0] == 0xFF && (header[1] & 0xE0) == 0xE0)
            return (header[1] & 0x06) == 0 ? ("audio/aac", ".aac") : ("audio/mpeg", ".mp3");
        return ("application/octet-stream", ".bin");
    }

    /// <summary>Sniffs the file at <paramref name="path"/>.</summary>
    public static async Task<(string ContentType, string Extension)> SniffAsync(string path, CancellationToken cancellationToken)
    {
        var header = new byte[12];
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
        var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        return Sniff(header.AsSpan(0, read));
    }
}
