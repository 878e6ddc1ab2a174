-- One row per department that reported.
select distinct on (department_id)
    department_id, name_zh, name_en, function_id, precedence
from {{ ref('stg_department_resolution') }}
where department_id is not null
order by department_id, department
