using Npgsql;

namespace Soundscape.Infrastructure.Persistence;

/// <summary>Plain words for the constraint violations a client can cause by racing another request.</summary>
internal static class ConstraintConflicts
{
    public static string? Describe(PostgresException error) => (error.SqlState, error.ConstraintName) switch
    {
        (PostgresErrorCodes.UniqueViolation, "ux_users_email_key") => "An account with this e-mail address already exists.",
        (PostgresErrorCodes.UniqueViolation, "ux_sessions_one_open_per_user") => "You are already checked in; try again.",
        (PostgresErrorCodes.UniqueViolation, "ux_players_checkin_code") => "A player with this check-in code already exists.",
        (PostgresErrorCodes.UniqueViolation, _) => "This already exists.",
        (PostgresErrorCodes.ForeignKeyViolation, _) => "Something this refers to was removed meanwhile.",
        _ => null,
    };
}
