-- Departmental spreadsheet values, typed, with indicator and department ids attached here.
-- A sheet whose folder and title name no region takes the warehouse's single region (the
-- one region the reports state, CONTRACT §1.2); with several or none it stays NULL and
-- mart.quarantine lists its rows.
with single_region as (
    select min(region) as region, min(region_code) as region_code
    from {{ ref('stg_report_statements') }}
    where region_code is not null
    having count(distinct region_code) = 1
)
select
    s.record_id,
    s.document_id,
    s.path,
    coalesce(s.region, (select region from single_region)) as region,
    coalesce(cast(s.region_code as varchar), (select region_code from single_region))
                                                     as region_code,
    s.department,
    d.department_id,
    cast(s.period_start as date)                     as period_start,
    cast(s.period_end as date)                       as period_end,
    s.indicator_text,
    r.indicator_id,
    s.measure,
    cast(s.value as double)                          as value,
    s.unit,
    cast(s.value_base as double)                     as value_base,
    s.unit_base,
    cast(s.annual_target as double)                  as annual_target,
    s.sheet,
    cast(s."row" as integer)                         as "row"
from {{ source('raw', 'sheet_records') }} as s
left join {{ ref('stg_indicator_resolution') }} as r
  on r.indicator_text = coalesce(s.indicator_text, '') and r.measure = s.measure
left join {{ ref('stg_department_resolution') }} as d
  on d.department = s.department
