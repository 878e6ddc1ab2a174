-- One row per target: the variance row of its latest period (a target without any
-- actual keeps its no_data row), with the indicator's names and the target as written.
-- Among rows ending on the same day, a comparable one wins over not_comparable, then the
-- longer (cumulative) period, then the actual id, so the choice is deterministic.
WITH latest AS (
    -- the first variance row of each target in that order (an aggregate: a window over
    -- every variance row costs several times more at a million rows)
    SELECT v.*
    FROM {{ ref('fct_variance') }} AS v
    JOIN (
        SELECT arg_min(v.rowid, (
                   v.period_end IS NULL, -coalesce(v.period_end - DATE '1970-01-01', 0),
                   v.status = 'not_comparable',
                   v.period_start IS NULL, coalesce(v.period_start, DATE '1970-01-01'),
                   v.actual_id IS NULL, coalesce(v.actual_id, '')
               ))                                AS variance_rowid
        FROM {{ ref('fct_variance') }} AS v
        GROUP BY v.target_id
    ) AS l ON l.variance_rowid = v.rowid
)
SELECT
    t.target_id,
    t.region,
    t.target_year,
    t.indicator_id,
    coalesce(i.name_zh, t.indicator_text)        AS indicator_name_zh,
    i.name_en                                    AS indicator_name_en,
    t.indicator_text,
    t.measure,
    t.comparator,
    t.value                                      AS target_value,
    t.value_max                                  AS target_value_max,
    t.unit                                       AS target_unit,
    t.value_base                                 AS target_value_base,
    l.period_start,
    l.period_end,
    l.actual_id,
    a.value                                      AS actual_value,
    a.unit                                       AS actual_unit,
    l.actual_value                               AS actual_value_base,
    coalesce(l.unit_base, t.unit_base)           AS unit_base,
    l.gap,
    l.attainment_ratio,
    l.expected_progress,
    coalesce(l.status, 'no_data')                AS status,
    l.actual_source_kind,
    l.actual_department_id,
    d.name_zh                                    AS actual_department,
    a.source_location                            AS actual_source_location,
    coalesce(l.has_conflicting_actuals, FALSE)   AS has_conflicting_actuals,
    t.section,
    t.quote,
    t.document_id,
    t.source_path
FROM {{ ref('fct_target') }} AS t
LEFT JOIN latest AS l USING (target_id)
LEFT JOIN {{ ref('dim_indicator') }} AS i ON i.indicator_id = t.indicator_id
LEFT JOIN {{ ref('fct_actual') }} AS a ON a.actual_id = l.actual_id
LEFT JOIN {{ ref('dim_department') }} AS d ON d.department_id = l.actual_department_id

-- One row per department: how many values it reported, how many targets those values
-- are about (same region, indicator and target year, as fct_variance pairs them), its
-- latest period, and those targets counted by their latest status in v_scorecard.
