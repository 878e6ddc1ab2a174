-- Base unit and factor of every unit seen ('' for none), for the value_base_scaled test.
select
    coalesce(unit, '')                               as unit,
    nullif(unit_base, '')                            as unit_base,
    cast(factor as double)                           as factor
from {{ source('raw', 'unit_scales') }}
