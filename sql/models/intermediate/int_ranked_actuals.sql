-- One value per region x indicator x measure x period: when several sources report it,
-- the statistics bureau's spreadsheet wins, then the report's own review, then other
-- departments by their catalog precedence; ties broken by id for determinism
-- (macros/variance.sql; fct_variance makes the same choice with an aggregate).
select
    a.*,
    row_number() over (
        partition by {{ actual_partition('a') }}
        order by {{ actual_precedence('a', 'd') }}
    )                                                                 as pick,
    count(distinct a.value) over (
        partition by {{ actual_partition('a') }}
    )                                                                 as distinct_values
from {{ ref('fct_actual') }} as a
left join {{ ref('dim_department') }} as d using (department_id)
