{#- The rules the variance machinery shares (models/intermediate and fct_variance), written
    once: int_ranked_actuals and int_target_actual_pairs state them as views one can read
    and query; fct_variance computes the same choice and pairs without a window over every
    actual (a hash aggregate instead), so the rules must not be written twice. -#}

{#- The actuals that compete for one value: region x indicator x measure x base unit x period. -#}
{% macro actual_partition(a) -%}
{{ a }}.region, {{ a }}.indicator_id, {{ a }}.measure, {{ a }}.unit_base,
{{ a }}.period_start, {{ a }}.period_end
{%- endmacro %}

{#- Which of them wins (first in this order): the statistics bureau's spreadsheet, then the
    report's own review, then other departments by their catalog precedence; a value before
    none; ties broken by id. `d` is the actual's dim_department row. -#}
{% macro actual_precedence(a, d) -%}
case when {{ a }}.source_kind = 'spreadsheet' and {{ d }}.precedence = 1 then 0
     when {{ a }}.source_kind = 'report' then 1
     else 1 + coalesce({{ d }}.precedence, 99) end,
{{ a }}.value is null,
{{ a }}.actual_id
{%- endmacro %}

{#- A target `t` (int_judged_targets) and a chosen actual `a` of the same region, indicator
    and year. -#}
{% macro pair_condition(t, a) -%}
    {{ a }}.region is not distinct from {{ t }}.region
and {{ a }}.indicator_id = {{ t }}.indicator_id
and year({{ a }}.period_end) = {{ t }}.target_year
and year({{ a }}.period_start) = {{ t }}.target_year
-- a figure of the year so far counts toward the year; a plan-period figure does not,
-- and a multi-year target (年均增长7% over a plan) meets no figure of one year
and coalesce({{ a }}.aggregation, 'annual') in ('annual', 'year_to_date')
and coalesce({{ t }}.aggregation, 'annual') in ('annual', 'year_to_date')
{%- endmacro %}

{#- comparable: same measure, and for levels the same base unit -#}
{% macro pair_comparable(t, a) -%}
({{ a }}.measure = {{ t }}.measure
 and ({{ t }}.measure in ('growth_pct', 'ratio_pct', 'pp_change')
      or {{ a }}.unit_base is not distinct from {{ t }}.unit_base))
{%- endmacro %}
