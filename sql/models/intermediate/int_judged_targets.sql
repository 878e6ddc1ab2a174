-- Every target as it is judged: a qualitative target with a loaded benchmark value is
-- judged against that value in the benchmark's measure (without one it stays qualitative,
-- not_comparable); with its accumulation and the direction its comparator sets.
with judged as (
    select
        t.* replace (
            case when t.measure = 'qualitative' and t.benchmark_value_base is not null
                 then t.benchmark_measure else t.measure end          as measure,
            case when t.measure = 'qualitative' and t.benchmark_value_base is not null
                 then t.benchmark_value_base else t.value_base end    as value_base,
            case when t.measure = 'qualitative' and t.benchmark_value_base is not null
                 then t.benchmark_unit_base else t.unit_base end      as unit_base
        ),
        case when t.measure = 'qualitative' and t.benchmark_value_base is not null
             then 'benchmark' else 'target' end                       as judged_against
    from {{ ref('fct_target') }} as t
)
select
    t.*,
    -- The catalog's accumulation describes the indicator's usual measure; what is judged is
    -- this target's measure: a growth, ratio or point change is a rate even for a flow
    -- indicator (固定资产投资增长5%), and a level of a rate indicator is a flow unless the
    -- catalog says it is a stock.
    case when t.measure in ('growth_pct', 'ratio_pct', 'pp_change', 'qualitative') then 'rate'
         when i.accumulation = 'stock' then 'stock'
         else 'flow' end                                               as accumulation,
    coalesce(i.higher_is_better, true)                                 as higher_is_better,
    -- 'min': at least the target; 'max': at most (a ceiling); 'about' with a tolerance
    case t.comparator
        when '>=' then 'min'
        when '<=' then 'max'
        when '~' then 'about'
        else case when coalesce(i.higher_is_better, true) then 'min' else 'max' end
    end                                                                as direction
from judged as t
left join {{ ref('dim_indicator') }} as i using (indicator_id)
