-- One row per target stated in a report (kind = target).
select
    s.statement_id                               as target_id,
    s.region,
    s.region_code,
    s.year                                       as target_year,
    s.indicator_id,
    s.indicator_text,
    s.measure,
    s.comparator,
    s.value,
    s.value_max,
    s.unit,
    s.value_base,
    -- value_max in base units, scaled by the same factor as value
    case when s.value_max is not null and s.value is not null and s.value <> 0
         then s.value_max * (s.value_base / s.value) end as value_max_base,
    s.unit_base,
    s.benchmark,
    -- a qualitative target becomes comparable once its benchmark's value is loaded
    b.measure                                    as benchmark_measure,
    b.value                                      as benchmark_value,
    b.unit                                       as benchmark_unit,
    b.value_base                                 as benchmark_value_base,
    b.unit_base                                  as benchmark_unit_base,
    b.source                                     as benchmark_source,
    s.section,
    s.quote,
    s.document_id,
    s.path                                       as source_path,
    s.char_start,
    s.char_end,
    -- a target over several years (年均增长7% in a “十二五” plan) is no annual target
    s.period_start,
    s.period_end,
    s.aggregation
from {{ ref('stg_report_statements') }} as s
left join {{ ref('stg_benchmark_values') }} as b
  on s.measure = 'qualitative'
 and b.region = s.region
 and b.year = s.year
 and b.indicator_id = s.indicator_id
 and b.benchmark = s.benchmark
where s.kind = 'target'
