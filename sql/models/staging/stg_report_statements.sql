-- Report statements as extracted (and validated by pandera), typed, with the indicator id
-- attached here from the resolution: what pandera validated is exactly what is loaded.
select
    s.statement_id,
    s.document_id,
    s.path,
    s.region,
    cast(s.region_code as varchar)                   as region_code,
    cast(s.report_year as integer)                   as report_year,
    s.kind,
    cast(s.year as integer)                          as year,
    s.indicator_text,
    r.indicator_id,
    s.measure,
    s.comparator,
    cast(s.value as double)                          as value,
    cast(s.value_max as double)                      as value_max,
    s.unit,
    cast(s.value_base as double)                     as value_base,
    s.unit_base,
    s.section,
    s.quote,
    cast(s.char_start as integer)                    as char_start,
    cast(s.char_end as integer)                      as char_end,
    cast(s.benchmark as varchar)                     as benchmark,
    -- the statement's own period once the extractor states one (年均, 累计, 五年来 …);
    -- until then the calendar year of `year`
    coalesce(cast(s.period_start as date), make_date(cast(s.year as integer), 1, 1)) as period_start,
    coalesce(cast(s.period_end as date), make_date(cast(s.year as integer), 12, 31)) as period_end,
    coalesce(cast(s.aggregation as varchar), 'annual') as aggregation
from {{ source('raw', 'report_statements') }} as s
left join {{ ref('stg_indicator_resolution') }} as r
  on r.indicator_text = coalesce(s.indicator_text, '') and r.measure = s.measure
