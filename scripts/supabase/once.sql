-- Run once on a Supabase project, as its `postgres` role, before Soundscape's first migration (docs/deploy.md).
-- It gives Soundscape's two runtime roles what scripts/db.sh gives them on the project's own cluster: usage of the
-- schemas and the ordinary table, sequence and function privileges on everything `postgres` creates from now on.
-- The migrations then narrow them per table and column, and row-level security decides the rows.
-- Passwords are set separately (ALTER ROLE … PASSWORD), never in this file.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'soundscape_app') THEN
        CREATE ROLE soundscape_app NOLOGIN NOBYPASSRLS;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'soundscape_service') THEN
        BEGIN
            CREATE ROLE soundscape_service NOLOGIN BYPASSRLS;
        EXCEPTION WHEN insufficient_privilege THEN
            -- PostgreSQL before 16 lets only a superuser hand out BYPASSRLS: use postgres for the service connection.
            RAISE NOTICE 'soundscape_service cannot bypass row-level security here: point ConnectionStrings:SoundscapeService at postgres';
        END;
    END IF;
END
$$;
ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO soundscape_app;
ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO soundscape_app;
ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT ON SEQUENCES TO soundscape_app;
ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO soundscape_app;
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'soundscape_service') THEN
        ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO soundscape_service;
        ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO soundscape_service;
        ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT ON SEQUENCES TO soundscape_service;
        ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO soundscape_service;
    END IF;
END
$$;
