-- One value per region x indicator x measure x period: when several sources report it,
-- the statistics bureau's spreadsheet wins, then the report's own review, then other
-- departments by their catalog precedence; ties broken by id for determinism.
select
    a.*,
    row_number() over (
        partition by a.region, a.indicator_id, a.measure, a.unit_base,
                     a.period_start, a.period_end
        order by
            case when a.source_kind = 'spreadsheet' and d.precedence = 1 then 0
                 when a.source_kind = 'report' then 1
                 else 1 + coalesce(d.precedence, 99) end,
            a.value is null,
            a.actual_id
    )                                                                 as pick,
    count(distinct a.value) over (
        partition by a.region, a.indicator_id, a.measure, a.unit_base,
                     a.period_start, a.period_end
    )                                                                 as distinct_values
from {{ ref('fct_actual') }} as a
left join {{ ref('dim_department') }} as d using (department_id)
