GRANT ALL ON SCHEMA profiles_sync TO ROLE segment_profiles_sync_role;
