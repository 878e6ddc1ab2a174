-- The department catalog (data/reference/departments.csv), typed.
select
    department_id                                    as function_id,
    name_zh,
    name_en,
    cast(aliases as varchar)                         as aliases,
    cast(precedence as bigint)                       as precedence
from {{ source('raw', 'department_catalog') }}
