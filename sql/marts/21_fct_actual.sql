-- One row per reported actual for a period: the review part of a report (the whole
-- year, or a multi-year plan period for 年均/累计 figures) and every value a department
-- reported in a spreadsheet.
CREATE OR REPLACE TABLE mart.fct_actual AS
SELECT
    s.statement_id                               AS actual_id,
    s.region,
    s.region_code,
    s.indicator_id,
    s.indicator_text,
    s.measure,
    -- the statement's own period: its year, or a plan period for 年均/累计 figures
    coalesce(s.period_start, make_date(s.year, 1, 1))   AS period_start,
    coalesce(s.period_end, make_date(s.year, 12, 31))   AS period_end,
    s.value,
    s.unit,
    s.value_base,
    s.unit_base,
    s.comparator,
    'report'                                     AS source_kind,
    CAST(NULL AS VARCHAR)                        AS department_id,
    CAST(NULL AS VARCHAR)                        AS department,
    CAST(NULL AS DOUBLE)                         AS annual_target,
    s.document_id,
    s.path || '#chars=' || s.char_start || '-' || s.char_end AS source_location,
    s.quote,
    coalesce(s.aggregation, 'annual')            AS aggregation
FROM staging.stg_report_statements AS s
WHERE s.kind = 'actual' AND s.measure <> 'qualitative'
UNION ALL
SELECT
    r.record_id,
    r.region,
    r.region_code,
    r.indicator_id,
    r.indicator_text,
    r.measure,
    r.period_start,
    r.period_end,
    r.value,
    r.unit,
    r.value_base,
    r.unit_base,
    '='                                          AS comparator,
    'spreadsheet'                                AS source_kind,
    r.department_id,
    r.department,
    r.annual_target,
    r.document_id,
    r.path || '!' || r.sheet || '!row ' || r."row" AS source_location,
    CAST(NULL AS VARCHAR)                        AS quote,
    CAST(NULL AS VARCHAR)                        AS aggregation
FROM staging.stg_sheet_records AS r;
