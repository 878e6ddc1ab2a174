-- Wordings the resolver could not place in the catalog, to add as aliases.
select
    r.indicator_text,
    r.measure,
    r.indicator_id,
    r.n                                          as occurrences,
    r.best_candidate,
    r.best_score
from {{ ref('stg_indicator_resolution') }} as r
where r.provisional
order by r.n desc, r.indicator_text
