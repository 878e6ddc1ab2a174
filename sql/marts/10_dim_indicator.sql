-- One row per canonical indicator: the reference catalog, plus a provisional row for
-- every wording the resolver could not place (listed in mart.unresolved_indicators).
CREATE OR REPLACE TABLE mart.dim_indicator AS
WITH provisional AS (
    SELECT
        r.indicator_id,
        any_value(r.indicator_text ORDER BY r.indicator_text)   AS name_zh,
        any_value(r.measure ORDER BY r.n DESC, r.measure)        AS measure,
        any_value(r.unit ORDER BY r.n DESC, r.unit)              AS unit,
        any_value(r.unit_base ORDER BY r.n DESC, r.unit_base)    AS unit_base
    FROM raw.indicator_resolution AS r
    WHERE r.provisional
    GROUP BY r.indicator_id
)
SELECT
    indicator_id,
    name_zh,
    name_en,
    measure,
    unit,
    unit_base,
    accumulation,
    CAST(higher_is_better AS BOOLEAN)            AS higher_is_better,
    aliases,
    departments,
    FALSE                                        AS is_provisional
FROM raw.indicators
UNION ALL
SELECT
    p.indicator_id,
    p.name_zh,
    NULL                                         AS name_en,
    p.measure,
    p.unit,
    p.unit_base,
    -- Without a catalog entry, rates are rates and everything else accumulates.
    CASE WHEN p.measure IN ('growth_pct', 'ratio_pct', 'pp_change') THEN 'rate'
         WHEN p.measure = 'qualitative' THEN 'rate'
         ELSE 'flow' END                         AS accumulation,
    TRUE                                         AS higher_is_better,
    NULL                                         AS aliases,
    NULL                                         AS departments,
    TRUE                                         AS is_provisional
FROM provisional AS p
WHERE p.indicator_id NOT IN (SELECT indicator_id FROM raw.indicators);

CREATE OR REPLACE VIEW mart.unresolved_indicators AS
SELECT
    r.indicator_text,
    r.measure,
    r.indicator_id,
    r.n                                          AS occurrences,
    r.best_candidate,
    r.best_score
FROM raw.indicator_resolution AS r
WHERE r.provisional
ORDER BY r.n DESC, r.indicator_text;
