{#- Schemas are named as configured (raw, staging, intermediate, mart), not prefixed with
    the target schema as dbt does by default: BI tools and CONTRACT §2 rely on `mart`. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
