-- Target x chosen actual of the same region, indicator and year. A target keeps its
-- comparable pairs; only when there is none, the others (so the analyst sees that actuals
-- exist but measure something else). Multi-year figures (年均, 累计: aggregation other than
-- annual) never pair with an annual target. (macros/variance.sql; fct_variance pairs the
-- same way.)
with pairs as (
    select
        t.target_id,
        a.actual_id,
        {{ pair_comparable('t', 'a') }}                                   as comparable
    from {{ ref('int_judged_targets') }} as t
    join {{ ref('int_ranked_actuals') }} as a
      on a.pick = 1
     and {{ pair_condition('t', 'a') }}
)
select p.*
from pairs as p
qualify p.comparable or not bool_or(p.comparable) over (partition by p.target_id)
