-- Every input row or file set aside, with where it came from and why.
CREATE OR REPLACE TABLE mart.quarantine AS
SELECT
    document_id,
    source_location,
    raw,
    reason,
    CAST(loaded_at AS TIMESTAMP)                 AS loaded_at,
    path                                         AS source_path
FROM raw.quarantine;
