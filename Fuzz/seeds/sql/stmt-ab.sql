CREATE ROLE segment_role;
