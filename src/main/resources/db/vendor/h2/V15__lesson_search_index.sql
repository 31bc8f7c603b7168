-- On PostgreSQL this version adds a trigram index for the lessons' word search. H2 has none: an embedded
-- Rebound's few thousand lessons are read whole, which stays well under a second.
COMMENT ON TABLE rebound_lesson IS 'The lessons of reviewed cases (lessons.Lessons)';
