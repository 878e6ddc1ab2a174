{#- Custom generic tests for the table rules of CONTRACT §2. Each returns the failing rows
    (dbt counts them; `store_failures` or the pipeline's audit names them). -#}

{#- A greater than B (or equal, with or_equal) wherever both are set:
    ordered spans (char_end > char_start), periods (period_end >= period_start),
    ranges (value_max >= value). -#}
{% test column_a_greater_than_b(model, column_a, column_b, or_equal=false, key=none) %}
select {% if key %}{{ key }} as key, {% endif %}{{ column_a }} as a, {{ column_b }} as b
from {{ model }}
where {{ column_a }} is not null and {{ column_b }} is not null
  and not ({{ column_a }} {{ '>=' if or_equal else '>' }} {{ column_b }})
{% endtest %}

{#- Base-unit scaling: value_base = value x factor and unit_base = the unit's base unit,
    factor and base taken from the unit table (gwr.units.parse_unit for every unit seen).
    A relative tolerance absorbs the float rounding of the product. -#}
{% test value_base_scaled(model, value, unit, value_base, unit_base, key) %}
select m.{{ key }} as key, m.{{ value }} as value, m.{{ unit }} as unit,
       m.{{ value_base }} as value_base, m.{{ unit_base }} as unit_base,
       m.{{ value }} * u.factor as expected_value_base, u.unit_base as expected_unit_base
from {{ model }} as m
left join {{ ref('stg_unit_scales') }} as u on u.unit = coalesce(m.{{ unit }}, '')
where (m.{{ value }} is null and m.{{ value_base }} is not null)
   or (m.{{ value }} is not null and (
          m.{{ value_base }} is null
       or u.unit is null
       or abs(m.{{ value_base }} - m.{{ value }} * u.factor)
          > 1e-9 * greatest(1.0, abs(m.{{ value_base }}), abs(m.{{ value }} * u.factor))
       -- a bare scale word (万, 亿) fixes the factor, not the base (u.unit_base NULL)
       or (m.{{ unit_base }} is distinct from u.unit_base
           and not (u.unit_base is null and u.unit <> ''))))
{% endtest %}

{#- Values within [min, max] (nulls pass); `mostly` lets a share of rows fall outside. -#}
{% test between(model, column_name, min_value=none, max_value=none) %}
select {{ column_name }} as value
from {{ model }}
where {{ column_name }} is not null and (
    false
    {% if min_value is not none %} or {{ column_name }} < {{ min_value }}{% endif %}
    {% if max_value is not none %} or {{ column_name }} > {{ max_value }}{% endif %})
{% endtest %}

{#- Several columns together identify a row. -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}
select {{ combination_of_columns | join(', ') }}, count(*) as n
from {{ model }}
group by all
having count(*) > 1
{% endtest %}
