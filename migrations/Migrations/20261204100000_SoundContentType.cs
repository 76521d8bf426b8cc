using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Migrations.Migrations;

/// <summary>
/// sounds.content_type: the media type sniffed from the file's first bytes when it is stored, served as the audio's
/// Content-Type (never the uploader's file name). SQL cannot read the audio store, so existing rows are left null here
/// and sniffed from their stored content by the API after it migrates (BackfillSoundContentTypes); until then a read
/// sniffs the file itself. soundscape_app holds table privileges on sounds (row-level security limits writes to admins),
/// so the new column needs no column grant.
/// </summary>
[DbContext(typeof(SoundscapeDbContext))]
[Migration("20261204100000_SoundContentType")]
public sealed class SoundContentType : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE sounds ADD COLUMN content_type text
            CONSTRAINT ck_sounds_content_type CHECK (content_type ~ '^[a-z]+/[a-z0-9.+-]+$' AND length(content_type) <= 100);
        COMMENT ON COLUMN sounds.content_type IS 'Media type sniffed from the stored file''s content; null until sniffed.';
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE sounds DROP COLUMN content_type;
        """);
}
