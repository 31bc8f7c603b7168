-- The lessons page's word search (lessons.Lessons.search) finds words anywhere in a lesson's text. PostgreSQL answers
-- it from a trigram index on that text (pg_trgm, shipped with PostgreSQL, a trusted extension a database's owner may
-- create) instead of reading every lesson. The indexed expression is the one the search asks, character for
-- character. Where the extension cannot be created, nothing fails: the search reads every lesson, as before.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX rebound_lesson_text ON rebound_lesson USING gin ((LOWER(case_number || ' ' || COALESCE(client_name, '') || ' '
    || COALESCE(summary, '') || ' ' || COALESCE(root_cause, '') || ' ' || COALESCE(lessons_learned, '') || ' '
    || COALESCE(went_well, ''))) gin_trgm_ops);
EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
  RAISE NOTICE 'pg_trgm is not available here (%): the lessons search reads every lesson', SQLERRM;
END
$$;
