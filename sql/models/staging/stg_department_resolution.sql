-- Every department name as written, with its department (gwr.departments.describe).
select
    department,
    department_id,
    name_zh,
    name_en,
    function_id,
    cast(precedence as bigint)                       as precedence
from {{ source('raw', 'department_resolution') }}
