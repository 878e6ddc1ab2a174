-- One row per reported actual for a period: the review part of a report (the year, or the
-- plan period of a 年均/累计 figure) and every value a department reported in a spreadsheet.
select
    s.statement_id                               as actual_id,
    s.region,
    s.region_code,
    s.indicator_id,
    s.indicator_text,
    s.measure,
    s.period_start,
    s.period_end,
    s.value,
    s.unit,
    s.value_base,
    s.unit_base,
    s.comparator,
    'report'                                     as source_kind,
    cast(null as varchar)                        as department_id,
    cast(null as varchar)                        as department,
    cast(null as double)                         as annual_target,
    s.document_id,
    s.path || '#chars=' || s.char_start || '-' || s.char_end as source_location,
    s.quote,
    s.aggregation
from {{ ref('stg_report_statements') }} as s
where s.kind = 'actual' and s.measure <> 'qualitative'
union all
select
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
    '='                                          as comparator,
    'spreadsheet'                                as source_kind,
    r.department_id,
    r.department,
    r.annual_target,
    r.document_id,
    r.path || '!' || r.sheet || '!row ' || r."row" as source_location,
    cast(null as varchar)                        as quote,
    cast(null as varchar)                        as aggregation
from {{ ref('stg_sheet_records') }} as r
where r.region is not null  -- the others are in mart.quarantine
