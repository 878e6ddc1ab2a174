-- Departmental spreadsheet values, typed, with indicator and department resolved.
CREATE OR REPLACE VIEW staging.stg_sheet_records AS
SELECT
    record_id,
    document_id,
    path,
    region,
    CAST(region_code AS VARCHAR)              AS region_code,
    department,
    department_id,
    CAST(period_start AS DATE)                AS period_start,
    CAST(period_end AS DATE)                  AS period_end,
    indicator_text,
    indicator_id,
    measure,
    CAST(value AS DOUBLE)                     AS value,
    unit,
    CAST(value_base AS DOUBLE)                AS value_base,
    unit_base,
    CAST(annual_target AS DOUBLE)             AS annual_target,
    sheet,
    CAST("row" AS INTEGER)                    AS "row"
FROM raw.sheet_records;
