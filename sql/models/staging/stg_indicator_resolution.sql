-- Every wording seen and the indicator it resolves to (catalog id or provisional id).
select
    coalesce(indicator_text, '')                     as indicator_text,
    measure,
    indicator_id,
    method,
    cast(score as double)                            as score,
    cast(provisional as boolean)                     as provisional,
    best_candidate,
    cast(best_score as double)                       as best_score,
    cast(n as bigint)                                as n,
    unit,
    unit_base
from {{ source('raw', 'indicator_resolution') }}
