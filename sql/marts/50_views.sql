-- BI views over the marts (documented in schema.yml). Runs after 30_fct_variance.sql.

-- One row per target: the variance row of its latest period (a target without any
-- actual keeps its no_data row), with the indicator's names and the target as written.
-- Among rows ending on the same day, a comparable one wins over not_comparable, then the
-- longer (cumulative) period, then the actual id, so the choice is deterministic.
CREATE OR REPLACE VIEW mart.v_scorecard AS
WITH latest AS (
    SELECT v.*
    FROM mart.fct_variance AS v
    QUALIFY row_number() OVER (
        PARTITION BY v.target_id
        ORDER BY v.period_end DESC NULLS LAST,
                 v.status = 'not_comparable',
                 v.period_start NULLS LAST,
                 v.actual_id NULLS LAST
    ) = 1
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
FROM mart.fct_target AS t
LEFT JOIN latest AS l USING (target_id)
LEFT JOIN mart.dim_indicator AS i ON i.indicator_id = t.indicator_id
LEFT JOIN mart.fct_actual AS a ON a.actual_id = l.actual_id
LEFT JOIN mart.dim_department AS d ON d.department_id = l.actual_department_id;

-- One row per department: how many values it reported, how many targets those values
-- are about (same region, indicator and target year, as fct_variance pairs them), its
-- latest period, and those targets counted by their latest status in v_scorecard.
CREATE OR REPLACE VIEW mart.v_department_progress AS
WITH reported AS (
    SELECT
        a.department_id,
        count(*)                                 AS values_reported,
        max(a.period_end)                        AS latest_period_end
    FROM mart.fct_actual AS a
    WHERE a.department_id IS NOT NULL
    GROUP BY a.department_id
),
covered AS (
    SELECT DISTINCT a.department_id, t.target_id
    FROM mart.fct_actual AS a
    JOIN mart.fct_target AS t
      ON a.region IS NOT DISTINCT FROM t.region
     AND a.indicator_id = t.indicator_id
     AND year(a.period_end) = t.target_year
     AND year(a.period_start) = t.target_year
    WHERE a.department_id IS NOT NULL
),
by_status AS (
    SELECT
        c.department_id,
        count(*)                                 AS targets_reported,
        count(*) FILTER (WHERE s.status = 'met')            AS met,
        count(*) FILTER (WHERE s.status = 'on_track')       AS on_track,
        count(*) FILTER (WHERE s.status = 'behind')         AS behind,
        count(*) FILTER (WHERE s.status = 'missed')         AS missed,
        count(*) FILTER (WHERE s.status = 'no_data')        AS no_data,
        count(*) FILTER (WHERE s.status = 'not_comparable') AS not_comparable
    FROM covered AS c
    JOIN mart.v_scorecard AS s USING (target_id)
    GROUP BY c.department_id
)
SELECT
    d.department_id,
    d.name_zh,
    d.name_en,
    coalesce(r.values_reported, 0)               AS values_reported,
    coalesce(b.targets_reported, 0)              AS targets_reported,
    r.latest_period_end,
    coalesce(b.met, 0)                           AS met,
    coalesce(b.on_track, 0)                      AS on_track,
    coalesce(b.behind, 0)                        AS behind,
    coalesce(b.missed, 0)                        AS missed,
    coalesce(b.no_data, 0)                       AS no_data,
    coalesce(b.not_comparable, 0)                AS not_comparable
FROM mart.dim_department AS d
LEFT JOIN reported AS r USING (department_id)
LEFT JOIN by_status AS b USING (department_id)
ORDER BY d.department_id;
