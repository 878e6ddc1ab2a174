-- Target x actual period: how far each target has got, by the rules in README
-- ("How variance is judged"). Values are compared in base units (unit_base). Targets and
-- rule parameters come from models/intermediate; the chosen actuals and the pairs are
-- those of int_ranked_actuals and int_target_actual_pairs (the same rules,
-- macros/variance.sql), computed here with hash aggregates and joins rather than windows
-- over every actual (each of those views ranks every actual: reading both ranked them
-- twice, most of the build at a million actuals).
-- depends_on: {{ ref('int_ranked_actuals') }}, {{ ref('int_target_actual_pairs') }}
WITH
-- pick = 1 of int_ranked_actuals: the first actual of each partition in precedence order,
-- and whether the partition holds different values (its distinct_values > 1)
chosen AS (
    SELECT a.*, c.has_conflicting_actuals
    FROM {{ ref('fct_actual') }} AS a
    JOIN (
        SELECT
            arg_min(a.rowid, ({{ actual_precedence('a', 'd') }}))       AS actual_rowid,
            coalesce(min(a.value) < max(a.value), FALSE)                AS has_conflicting_actuals
        FROM {{ ref('fct_actual') }} AS a
        LEFT JOIN {{ ref('dim_department') }} AS d USING (department_id)
        GROUP BY {{ actual_partition('a') }}
    ) AS c ON c.actual_rowid = a.rowid
),
-- int_target_actual_pairs, with the chosen actual's columns
paired AS (
    SELECT
        t.target_id,
        {{ pair_comparable('t', 'a') }}                                   AS comparable,
        a.actual_id,
        a.period_start,
        a.period_end,
        a.value_base,
        a.has_conflicting_actuals,
        a.source_kind,
        a.department_id
    FROM {{ ref('int_judged_targets') }} AS t
    JOIN chosen AS a ON {{ pair_condition('t', 'a') }}
),
pairs AS (
    SELECT p.*
    FROM paired AS p
    JOIN (
        SELECT target_id, bool_or(comparable) AS any_comparable FROM paired GROUP BY target_id
    ) AS c USING (target_id)
    WHERE p.comparable OR NOT c.any_comparable
),
joined AS (
    SELECT
        t.target_id,
        p.actual_id,
        t.indicator_id,
        t.region,
        t.target_year,
        t.measure,
        t.comparator,
        t.accumulation,
        t.higher_is_better,
        t.direction,
        t.judged_against,
        p.period_start,
        p.period_end,
        t.value_base                                                  AS target_value,
        p.value_base                                                  AS actual_value,
        t.unit_base,
        coalesce(p.comparable, FALSE)                                 AS comparable,
        p.has_conflicting_actuals,
        p.source_kind                                                 AS actual_source_kind,
        p.department_id                                               AS actual_department_id,
        p.period_end IS NOT NULL
            AND p.period_end >= make_date(t.target_year, 12, 31)      AS is_year_end,
        p.period_start IS NOT NULL
            AND p.period_start = make_date(t.target_year, 1, 1)       AS is_cumulative
    FROM {{ ref('int_judged_targets') }} AS t
    LEFT JOIN pairs AS p USING (target_id)
),
measured AS (
    SELECT
        j.*,
        -- 时间过半、任务过半: the share of the year elapsed at period_end; only flows
        -- accumulate towards their target, rates and stocks are judged on their level.
        CASE WHEN j.accumulation = 'flow' AND j.period_end IS NOT NULL
             THEN least(1.0, (dayofyear(j.period_end))::DOUBLE
                        / dayofyear(make_date(j.target_year, 12, 31))) END AS expected_progress,
        -- only a comparable pair has a gap: a growth target against a level in 万亿元
        -- (both reported, neither comparable) must not read as 10^12 attainment
        CASE WHEN j.comparable THEN j.actual_value - j.target_value END AS gap,
        CASE WHEN j.comparable AND j.target_value IS NOT NULL AND j.target_value <> 0
             THEN j.actual_value / j.target_value END                AS attainment_ratio
    FROM joined AS j
),
judged AS (
    SELECT
        m.*,
        CASE
            WHEN m.accumulation = 'flow' THEN
                CASE m.direction
                    WHEN 'min' THEN m.attainment_ratio >= m.expected_progress
                    WHEN 'max' THEN m.attainment_ratio <= m.expected_progress
                    ELSE CASE WHEN m.higher_is_better
                              THEN m.attainment_ratio >= m.expected_progress
                                                         * (1 - params.level_tolerance_rel)
                              ELSE m.attainment_ratio <= m.expected_progress
                                                         * (1 + params.level_tolerance_rel)
                         END
                END
            ELSE  -- rates and stocks: the value itself is compared with the target
                CASE m.direction
                    WHEN 'min' THEN m.actual_value >= m.target_value
                    WHEN 'max' THEN m.actual_value <= m.target_value
                    ELSE CASE WHEN m.measure IN ('growth_pct', 'ratio_pct', 'pp_change') THEN
                                  CASE WHEN m.higher_is_better
                                       THEN m.actual_value >= m.target_value
                                                              - params.rate_tolerance_pp
                                       ELSE m.actual_value <= m.target_value
                                                              + params.rate_tolerance_pp
                                  END
                              ELSE CASE WHEN m.higher_is_better
                                        THEN m.actual_value >= m.target_value
                                                               * (1 - params.level_tolerance_rel)
                                        ELSE m.actual_value <= m.target_value
                                                               * (1 + params.level_tolerance_rel)
                                   END
                         END
                END
        END                                                           AS on_course
    FROM measured AS m
    CROSS JOIN {{ ref('int_variance_params') }} AS params
)
SELECT
    target_id,
    actual_id,
    indicator_id,
    region,
    target_year,
    period_start,
    period_end,
    target_value,
    actual_value,
    unit_base,
    gap,
    attainment_ratio,
    expected_progress,
    CASE
        WHEN measure = 'qualitative' THEN 'not_comparable'
        WHEN actual_id IS NULL THEN 'no_data'
        WHEN NOT comparable THEN 'not_comparable'
        WHEN actual_value IS NULL THEN 'no_data'            -- 待统计 / 暂无: not zero
        WHEN target_value IS NULL THEN 'not_comparable'
        WHEN accumulation = 'stock' AND NOT is_year_end THEN 'not_comparable'
        WHEN accumulation = 'flow' AND NOT is_cumulative THEN 'not_comparable'
        WHEN on_course IS NULL THEN 'not_comparable'
        WHEN is_year_end THEN CASE WHEN on_course THEN 'met' ELSE 'missed' END
        ELSE CASE WHEN on_course THEN 'on_track' ELSE 'behind' END
    END                                                               AS status,
    measure,
    comparator,
    accumulation,
    actual_source_kind,
    actual_department_id,
    coalesce(has_conflicting_actuals, FALSE)                          AS has_conflicting_actuals,
    judged_against
FROM judged
ORDER BY target_id, period_end NULLS FIRST, actual_id
