CREATE SCHEMA IF NOT EXISTS "profiles_sync" AUTHORIZATION segment_user;
