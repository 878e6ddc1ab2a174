-- The report card: each year's target against the whole-year actual a report states for
-- that year (in practice the review of the next year's report), met or missed, with both
-- quotes. One target per region, year, indicator and measure: the first the report states
-- (its main-targets paragraph comes before the work sections that restate it). Only annual
-- targets and actuals meet (a 年均 or 累计 figure never does: int_target_actual_pairs).
with firsts as (
    -- the first of each by (source_path, char_start, target_id), nulls last (an aggregate
    -- rather than a window: the view is computed again by each of its dbt tests)
    select arg_min(t.rowid, (t.source_path is null, coalesce(t.source_path, ''),
                             t.char_start is null, coalesce(t.char_start, 0),
                             t.target_id is null, coalesce(t.target_id, ''))) as target_rowid
    from {{ ref('fct_target') }} as t
    where t.region_code is not null
      and t.value is not null
      and t.aggregation = 'annual'
    group by t.region_code, t.target_year, t.indicator_id, t.measure
),
targets as (
    select t.*
    from {{ ref('fct_target') }} as t
    join firsts as f on f.target_rowid = t.rowid
)
select
    t.region,
    t.region_code,
    t.target_year                                             as year,
    t.indicator_id,
    i.name_zh                                                 as indicator_name_zh,
    i.name_en                                                 as indicator_name_en,
    t.measure,
    t.comparator                                              as target_comparator,
    t.value                                                   as target_value,
    t.value_max                                               as target_value_max,
    t.unit                                                    as target_unit,
    a.value                                                   as actual_value,
    a.unit                                                    as actual_unit,
    v.status,
    t.quote                                                   as target_quote,
    t.source_path || '#chars=' || t.char_start || '-' || t.char_end as target_source,
    a.quote                                                   as actual_quote,
    a.source_location                                         as actual_source,
    t.target_id,
    a.actual_id
from targets as t
join {{ ref('fct_variance') }} as v
  on v.target_id = t.target_id
 and v.status in ('met', 'missed')
 and v.period_start = make_date(t.target_year, 1, 1)
 and v.period_end = make_date(t.target_year, 12, 31)
join {{ ref('fct_actual') }} as a
  on a.actual_id = v.actual_id
 and a.source_kind = 'report'
left join {{ ref('dim_indicator') }} as i
  on i.indicator_id = t.indicator_id
