-- Target x chosen actual of the same region, indicator and year. A target keeps its
-- comparable pairs; only when there is none, the others (so the analyst sees that actuals
-- exist but measure something else). Multi-year figures (年均, 累计: aggregation other than
-- annual) never pair with an annual target.
with pairs as (
    select
        t.target_id,
        a.actual_id,
        -- comparable: same measure, and for levels the same base unit
        (a.measure = t.measure
         and (t.measure in ('growth_pct', 'ratio_pct', 'pp_change')
              or a.unit_base is not distinct from t.unit_base))      as comparable
    from {{ ref('int_judged_targets') }} as t
    join {{ ref('int_ranked_actuals') }} as a
      on a.pick = 1
     and a.region is not distinct from t.region
     and a.indicator_id = t.indicator_id
     and year(a.period_end) = t.target_year
     and year(a.period_start) = t.target_year
     -- a figure of the year so far counts toward the year; a plan-period figure does not,
     -- and a multi-year target (年均增长7% over a plan) meets no figure of one year
     and coalesce(a.aggregation, 'annual') in ('annual', 'year_to_date')
     and coalesce(t.aggregation, 'annual') in ('annual', 'year_to_date')
)
select p.*
from pairs as p
qualify p.comparable or not bool_or(p.comparable) over (partition by p.target_id)
