GRANT USAGE ON SCHEMA "a.b" TO segment_linked_role;
