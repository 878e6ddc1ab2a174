-- Report statements as extracted, typed and with the indicator resolved.
-- One row per target or actual stated in a report.
CREATE OR REPLACE VIEW staging.stg_report_statements AS
SELECT
    statement_id,
    document_id,
    path,
    region,
    CAST(region_code AS VARCHAR)              AS region_code,
    CAST(report_year AS INTEGER)              AS report_year,
    kind,
    CAST(year AS INTEGER)                     AS year,
    indicator_text,
    indicator_id,
    measure,
    comparator,
    CAST(value AS DOUBLE)                     AS value,
    CAST(value_max AS DOUBLE)                 AS value_max,
    unit,
    CAST(value_base AS DOUBLE)                AS value_base,
    unit_base,
    section,
    quote,
    CAST(char_start AS INTEGER)               AS char_start,
    CAST(char_end AS INTEGER)                 AS char_end,
    benchmark,
    -- the period the figure covers (a year, a part of it, or a plan period for 年均/累计)
    CAST(period_start AS DATE)                AS period_start,
    CAST(period_end AS DATE)                  AS period_end,
    CAST(aggregation AS VARCHAR)              AS aggregation
FROM raw.report_statements;
