-- Published values of the benchmarks qualitative targets name, typed.
select
    region,
    cast(year as integer)                            as year,
    indicator_id,
    benchmark,
    measure,
    cast(value as double)                            as value,
    unit,
    source,
    cast(value_base as double)                       as value_base,
    unit_base
from {{ source('raw', 'benchmark_values') }}
