-- One row per canonical indicator: the reference catalog, plus a provisional row for
-- every wording the resolver could not place (listed in mart.unresolved_indicators).
with provisional as (
    select
        r.indicator_id,
        any_value(r.indicator_text order by r.indicator_text)   as name_zh,
        any_value(r.measure order by r.n desc, r.measure)        as measure,
        any_value(r.unit order by r.n desc, r.unit)              as unit,
        any_value(r.unit_base order by r.n desc, r.unit_base)    as unit_base
    from {{ ref('stg_indicator_resolution') }} as r
    where r.provisional
    group by r.indicator_id
)
select
    indicator_id, name_zh, name_en, measure, unit, unit_base, accumulation,
    higher_is_better, aliases, departments,
    false                                        as is_provisional
from {{ ref('stg_indicator_catalog') }}
union all
select
    p.indicator_id,
    p.name_zh,
    cast(null as varchar)                        as name_en,
    p.measure,
    p.unit,
    p.unit_base,
    -- Without a catalog entry, rates are rates and everything else accumulates.
    case when p.measure in ('growth_pct', 'ratio_pct', 'pp_change', 'qualitative') then 'rate'
         else 'flow' end                         as accumulation,
    true                                         as higher_is_better,
    cast(null as varchar)                        as aliases,
    cast(null as varchar)                        as departments,
    true                                         as is_provisional
from provisional as p
where p.indicator_id not in (select indicator_id from {{ ref('stg_indicator_catalog') }})
