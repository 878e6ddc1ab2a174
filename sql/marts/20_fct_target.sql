-- One row per target stated in a report (kind = target).
CREATE OR REPLACE TABLE mart.fct_target AS
SELECT
    s.statement_id                               AS target_id,
    s.region,
    s.region_code,
    s.year                                       AS target_year,
    s.indicator_id,
    s.indicator_text,
    s.measure,
    s.comparator,
    s.value,
    s.value_max,
    s.unit,
    s.value_base,
    -- value_max in base units, scaled by the same factor as value
    CASE WHEN s.value_max IS NOT NULL AND s.value IS NOT NULL AND s.value <> 0
         THEN s.value_max * (s.value_base / s.value) END AS value_max_base,
    s.unit_base,
    s.benchmark,
    -- a qualitative target becomes comparable once its benchmark's value is loaded
    b.measure                                    AS benchmark_measure,
    b.value                                      AS benchmark_value,
    b.unit                                       AS benchmark_unit,
    b.value_base                                 AS benchmark_value_base,
    b.unit_base                                  AS benchmark_unit_base,
    b.source                                     AS benchmark_source,
    s.section,
    s.quote,
    s.document_id,
    s.path                                       AS source_path,
    s.char_start,
    s.char_end,
    -- a target over several years (年均增长7% in a “十二五” plan) is no annual target
    coalesce(s.period_start, make_date(s.year, 1, 1))   AS period_start,
    coalesce(s.period_end, make_date(s.year, 12, 31))   AS period_end,
    coalesce(s.aggregation, 'annual')            AS aggregation
FROM staging.stg_report_statements AS s
LEFT JOIN raw.benchmarks AS b
  ON s.measure = 'qualitative'
 AND b.region = s.region
 AND b.year = s.year
 AND b.indicator_id = s.indicator_id
 AND b.benchmark = s.benchmark
WHERE s.kind = 'target';
