-- Deadlines that end in a year whose public holidays were not loaded when
-- the application was accepted: the date columns stay NULL and what is
-- needed to compute them later is kept here, until a calendar that covers
-- the year is loaded and the server fills the dates in.

-- JSON array of the report's deadlines.pending entries, NULL when none.
ALTER TABLE applications ADD COLUMN pending_deadlines TEXT;

-- A deferral whose due date is pending: its length in working days from
-- the acceptance date; NULL once due_on is known (or for in-lieu ones).
ALTER TABLE commitments ADD COLUMN due_pending_days BIGINT;
