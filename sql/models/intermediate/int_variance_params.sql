-- The parameters of the variance rules (README "How variance is judged"), one row.
select
    cast(0.5 as double)  as rate_tolerance_pp,    -- '~' (左右/约) on a rate: +/- 0.5 percentage points
    cast(0.05 as double) as level_tolerance_rel   -- '~' on a count or amount: +/- 5 % of the target
