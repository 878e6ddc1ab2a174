-- Target x actual period: how far each target has got, by the rules in README
-- ("How variance is judged"). Values are compared in base units (unit_base).
CREATE OR REPLACE TABLE mart.fct_variance AS
WITH
params AS (
    SELECT
        0.5  AS rate_tolerance_pp,    -- '~' (左右/约) on a rate: +/- 0.5 percentage points
        0.05 AS level_tolerance_rel   -- '~' on a count or amount: +/- 5 % of the target
),
-- A qualitative target with a loaded benchmark value is judged against that value, in the
-- benchmark's measure; without one it stays qualitative (not_comparable).
judged_targets AS (
    SELECT
        t.* REPLACE (
            CASE WHEN t.measure = 'qualitative' AND t.benchmark_value_base IS NOT NULL
                 THEN t.benchmark_measure ELSE t.measure END          AS measure,
            CASE WHEN t.measure = 'qualitative' AND t.benchmark_value_base IS NOT NULL
                 THEN t.benchmark_value_base ELSE t.value_base END    AS value_base,
            CASE WHEN t.measure = 'qualitative' AND t.benchmark_value_base IS NOT NULL
                 THEN t.benchmark_unit_base ELSE t.unit_base END      AS unit_base
        ),
        CASE WHEN t.measure = 'qualitative' AND t.benchmark_value_base IS NOT NULL
             THEN 'benchmark' ELSE 'target' END                       AS judged_against
    FROM mart.fct_target AS t
),
targets AS (
    SELECT
        t.*,
        -- The catalog's accumulation describes the indicator's usual measure; what is
        -- judged is this target's measure: a growth, ratio or point change is a rate even
        -- for a flow indicator (固定资产投资增长5%), and a level of a rate indicator is a
        -- flow unless the catalog says it is a stock.
        CASE WHEN t.measure IN ('growth_pct', 'ratio_pct', 'pp_change', 'qualitative')
                  THEN 'rate'
             WHEN i.accumulation = 'stock' THEN 'stock'
             ELSE 'flow' END                                           AS accumulation,
        coalesce(i.higher_is_better, TRUE)                             AS higher_is_better,
        -- 'min': at least the target; 'max': at most (a ceiling); 'about' with a tolerance
        CASE t.comparator
            WHEN '>=' THEN 'min'
            WHEN '<=' THEN 'max'
            WHEN '~' THEN 'about'
            ELSE CASE WHEN coalesce(i.higher_is_better, TRUE) THEN 'min' ELSE 'max' END
        END                                                            AS direction
    FROM judged_targets AS t
    LEFT JOIN mart.dim_indicator AS i USING (indicator_id)
),
-- One value per region x indicator x measure x period: when several sources report it,
-- the statistics bureau's spreadsheet wins, then the report's own review, then other
-- departments by their catalog precedence; ties broken by id for determinism.
ranked_actuals AS (
    SELECT
        a.*,
        row_number() OVER (
            PARTITION BY a.region, a.indicator_id, a.measure, a.unit_base,
                         a.period_start, a.period_end
            ORDER BY
                CASE WHEN a.source_kind = 'spreadsheet' AND d.precedence = 1 THEN 0
                     WHEN a.source_kind = 'report' THEN 1
                     ELSE 1 + coalesce(d.precedence, 99) END,
                a.value IS NULL,
                a.actual_id
        )                                                             AS pick,
        count(DISTINCT a.value) OVER (
            PARTITION BY a.region, a.indicator_id, a.measure, a.unit_base,
                         a.period_start, a.period_end
        )                                                             AS distinct_values
    FROM mart.fct_actual AS a
    LEFT JOIN mart.dim_department AS d USING (department_id)
),
actuals AS (
    SELECT * FROM ranked_actuals WHERE pick = 1
),
pairs AS (
    SELECT
        t.target_id,
        a.actual_id,
        -- comparable: same measure, and for levels the same base unit
        (a.measure = t.measure
         AND (t.measure IN ('growth_pct', 'ratio_pct', 'pp_change')
              OR a.unit_base IS NOT DISTINCT FROM t.unit_base))      AS comparable
    FROM targets AS t
    JOIN actuals AS a
      ON a.region IS NOT DISTINCT FROM t.region
     AND a.indicator_id = t.indicator_id
     -- the actual's period lies within the target year: a multi-year figure (年均, 累计,
     -- “十三五”期间) never meets an annual target, nor a multi-year target an annual figure
     AND year(a.period_end) = t.target_year
     AND year(a.period_start) = t.target_year
     AND t.aggregation IN ('annual', 'year_to_date')
),
-- Keep the comparable pairs of a target; only when there is none, keep the others (so the
-- analyst sees that actuals exist but measure something else).
kept_pairs AS (
    SELECT p.*
    FROM pairs AS p
    QUALIFY p.comparable OR NOT bool_or(p.comparable) OVER (PARTITION BY p.target_id)
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
        a.period_start,
        a.period_end,
        t.value_base                                                  AS target_value,
        a.value_base                                                  AS actual_value,
        t.unit_base,
        coalesce(p.comparable, FALSE)                                 AS comparable,
        a.distinct_values,
        a.source_kind                                                 AS actual_source_kind,
        a.department_id                                               AS actual_department_id,
        a.period_end IS NOT NULL
            AND a.period_end >= make_date(t.target_year, 12, 31)      AS is_year_end,
        a.period_start IS NOT NULL
            AND a.period_start = make_date(t.target_year, 1, 1)       AS is_cumulative
    FROM targets AS t
    LEFT JOIN kept_pairs AS p USING (target_id)
    LEFT JOIN actuals AS a USING (actual_id)
),
measured AS (
    SELECT
        j.*,
        -- 时间过半、任务过半: the share of the year elapsed at period_end; only flows
        -- accumulate towards their target, rates and stocks are judged on their level.
        CASE WHEN j.accumulation = 'flow' AND j.period_end IS NOT NULL
             THEN least(1.0, (dayofyear(j.period_end))::DOUBLE
                        / dayofyear(make_date(j.target_year, 12, 31))) END AS expected_progress,
        j.actual_value - j.target_value                              AS gap,
        CASE WHEN j.target_value IS NOT NULL AND j.target_value <> 0
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
                                                         * (1 - (SELECT level_tolerance_rel FROM params))
                              ELSE m.attainment_ratio <= m.expected_progress
                                                         * (1 + (SELECT level_tolerance_rel FROM params))
                         END
                END
            ELSE  -- rates and stocks: the value itself is compared with the target
                CASE m.direction
                    WHEN 'min' THEN m.actual_value >= m.target_value
                    WHEN 'max' THEN m.actual_value <= m.target_value
                    ELSE CASE WHEN m.measure IN ('growth_pct', 'ratio_pct', 'pp_change') THEN
                                  CASE WHEN m.higher_is_better
                                       THEN m.actual_value >= m.target_value
                                                              - (SELECT rate_tolerance_pp FROM params)
                                       ELSE m.actual_value <= m.target_value
                                                              + (SELECT rate_tolerance_pp FROM params)
                                  END
                              ELSE CASE WHEN m.higher_is_better
                                        THEN m.actual_value >= m.target_value
                                                               * (1 - (SELECT level_tolerance_rel FROM params))
                                        ELSE m.actual_value <= m.target_value
                                                               * (1 + (SELECT level_tolerance_rel FROM params))
                                   END
                         END
                END
        END                                                           AS on_course
    FROM measured AS m
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
    coalesce(distinct_values, 0) > 1                                  AS has_conflicting_actuals,
    judged_against
FROM judged
ORDER BY target_id, period_end NULLS FIRST, actual_id;
