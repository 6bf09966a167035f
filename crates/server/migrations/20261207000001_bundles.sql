-- Bundles (一件事一次办): one bundle application (its own receipt, the
-- applicant's token, the idempotency key and the answer for replays) and
-- one ordinary application per member item, linked to it. The bundle row
-- and its members are written in one transaction, so a bundle is stored
-- whole or not at all.

CREATE TABLE bundle_applications (
    receipt TEXT PRIMARY KEY,
    idempotency_key TEXT UNIQUE,
    request_sha256 TEXT NOT NULL,
    token_sha256 TEXT NOT NULL,
    bundle_code TEXT NOT NULL,
    bundle_version TEXT NOT NULL,
    bundle_name TEXT NOT NULL,
    status TEXT NOT NULL,
    accepted_on TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    report TEXT NOT NULL,
    response TEXT NOT NULL
);

-- NULL for an application of a single item.
ALTER TABLE applications ADD COLUMN bundle_receipt TEXT REFERENCES bundle_applications (receipt);
-- The member's key in the bundle and its place in the bundle's member order.
ALTER TABLE applications ADD COLUMN bundle_member TEXT;
ALTER TABLE applications ADD COLUMN bundle_position BIGINT;

CREATE INDEX applications_by_bundle ON applications (bundle_receipt);
