-- One row per department: how many values it reported, how many targets those values
-- are about (same region, indicator and target year, as fct_variance pairs them), its
-- latest period, and those targets counted by their latest status in v_scorecard.
WITH reported AS (
    SELECT
        a.department_id,
        count(*)                                 AS values_reported,
        max(a.period_end)                        AS latest_period_end
    FROM {{ ref('fct_actual') }} AS a
    WHERE a.department_id IS NOT NULL
    GROUP BY a.department_id
),
covered AS (
    SELECT DISTINCT a.department_id, t.target_id
    FROM {{ ref('fct_actual') }} AS a
    JOIN {{ ref('fct_target') }} AS t
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
    JOIN {{ ref('v_scorecard') }} AS s USING (target_id)
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
FROM {{ ref('dim_department') }} AS d
LEFT JOIN reported AS r USING (department_id)
LEFT JOIN by_status AS b USING (department_id)
ORDER BY d.department_id
