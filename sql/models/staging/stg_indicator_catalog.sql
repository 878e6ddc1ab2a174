-- The canonical indicator catalog (data/reference/indicators.csv), typed.
select
    indicator_id,
    name_zh,
    name_en,
    measure,
    unit,
    unit_base,
    accumulation,
    cast(higher_is_better as boolean)                as higher_is_better,
    cast(aliases as varchar)                         as aliases,
    cast(departments as varchar)                     as departments
from {{ source('raw', 'indicator_catalog') }}
