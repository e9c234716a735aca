-- Trigram matching for names, emails, subjects and case numbers.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
